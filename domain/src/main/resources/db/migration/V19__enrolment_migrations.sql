-- Moving live enrolments to another version of their sequence: who asked, when, from which
-- version to which, what became of each enrolment, and when its workflow applied it.
CREATE TABLE enrolment_migrations (
    id              uuid PRIMARY KEY,
    request_id      uuid        NOT NULL,
    workspace_id    uuid        NOT NULL REFERENCES workspaces (id),
    enrolment_id    uuid        NOT NULL REFERENCES enrolments (id),
    sequence_id     uuid        NOT NULL REFERENCES sequences (id),
    from_version_id uuid        NOT NULL REFERENCES sequence_versions (id),
    to_version_id   uuid        NOT NULL REFERENCES sequence_versions (id),
    outcome         text        NOT NULL,
    requested_by    text        NOT NULL,
    requested_at    timestamptz NOT NULL,
    applied_at      timestamptz
);
CREATE INDEX enrolment_migrations_enrolment ON enrolment_migrations (enrolment_id, requested_at);
CREATE INDEX enrolment_migrations_request ON enrolment_migrations (request_id);
