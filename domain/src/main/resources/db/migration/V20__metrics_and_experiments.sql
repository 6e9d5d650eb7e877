-- Metrics and experiments. Reports read the event log; these columns carry the dimensions they
-- group by, copied when the event is appended: the sequence, the prospect's segment at the time,
-- and the step variant the message carried. A response or meeting event names, in step_key, the
-- step it is attributed to: the last message delivered to the enrolment before it.

ALTER TABLE events ADD COLUMN sequence_id uuid;
ALTER TABLE events ADD COLUMN segment text;
ALTER TABLE events ADD COLUMN variant text;
UPDATE events ev SET sequence_id = e.sequence_id FROM enrolments e WHERE e.id = ev.enrolment_id;

CREATE INDEX events_campaign_type ON events (campaign_id, type, occurred_at) WHERE campaign_id IS NOT NULL;
CREATE INDEX events_sequence_type ON events (sequence_id, type, occurred_at);
CREATE INDEX events_seat_type ON events (seat_id, type, occurred_at);
CREATE INDEX events_version_step ON events (sequence_version_id, step_key, type);

-- What "positive" means for the workspace: the reply signals counted as positive replies.
ALTER TABLE workspaces ADD COLUMN positive_signals text[] NOT NULL
    DEFAULT '{AGREES_TO_CALL,ASKS_FOR_ASSET,ROUTES_TO_OWNER}';

-- One row per human reply: what the rule set found, and a person's override if any. The class in
-- force is COALESCE(override_class, rule_class); rule_class follows the workspace's definition.
CREATE TABLE reply_classifications (
    response_id    uuid PRIMARY KEY REFERENCES responses (id),
    event_id       uuid        NOT NULL REFERENCES events (id),
    workspace_id   uuid        NOT NULL REFERENCES workspaces (id),
    enrolment_id   uuid        NOT NULL REFERENCES enrolments (id),
    signal         text        NOT NULL,
    rule_class     text        NOT NULL,
    matched_phrase text,
    language       text,
    override_class text,
    overridden_by  uuid,
    overridden_at  timestamptz,
    override_note  text,
    classified_at  timestamptz NOT NULL
);
CREATE INDEX reply_classifications_event ON reply_classifications (event_id);
CREATE INDEX reply_classifications_workspace ON reply_classifications (workspace_id, classified_at);

-- Every override, kept: who changed which reply from what to what, and why.
CREATE TABLE reply_classification_changes (
    id           bigserial PRIMARY KEY,
    response_id  uuid        NOT NULL REFERENCES reply_classifications (response_id),
    from_class   text        NOT NULL,
    to_class     text        NOT NULL,
    changed_by   uuid,
    note         text,
    changed_at   timestamptz NOT NULL
);
CREATE INDEX reply_classification_changes_response ON reply_classification_changes (response_id, id);

-- Meetings booked with a prospect, recorded through the API or a calendar tool's webhook.
CREATE TABLE meetings (
    id            uuid PRIMARY KEY,
    workspace_id  uuid        NOT NULL REFERENCES workspaces (id),
    enrolment_id  uuid        NOT NULL REFERENCES enrolments (id),
    scheduled_for timestamptz,
    booked_at     timestamptz NOT NULL,
    source        text        NOT NULL,
    external_id   text,
    created_by    uuid,
    created_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX meetings_external ON meetings (workspace_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX meetings_enrolment ON meetings (enrolment_id);

-- An experiment on one step of one sequence version: its variants, what varies, its stop rule,
-- and its state. assigned counts assignments so far; the next goes to variant (assigned mod n).
CREATE TABLE experiments (
    id                     uuid PRIMARY KEY,
    workspace_id           uuid             NOT NULL REFERENCES workspaces (id),
    sequence_id            uuid             NOT NULL REFERENCES sequences (id),
    sequence_version_id    uuid             NOT NULL REFERENCES sequence_versions (id),
    step_key               text             NOT NULL,
    varies                 text             NOT NULL,
    variants               text[]           NOT NULL,
    metric                 text             NOT NULL,
    stop_probability       double precision,
    stop_sends_per_variant int,
    status                 text             NOT NULL,
    winner                 text,
    ended_reason           text,
    ended_at               timestamptz,
    assigned               bigint           NOT NULL DEFAULT 0,
    created_at             timestamptz      NOT NULL,
    UNIQUE (sequence_version_id, step_key)
);
CREATE INDEX experiments_sequence ON experiments (workspace_id, sequence_id);

-- The variant each enrolment got at a step, fixed at its first send attempt of the step.
CREATE TABLE step_variant_assignments (
    enrolment_id  uuid        NOT NULL REFERENCES enrolments (id),
    step_key      text        NOT NULL,
    experiment_id uuid        NOT NULL REFERENCES experiments (id),
    variant       text        NOT NULL,
    assigned_at   timestamptz NOT NULL,
    PRIMARY KEY (enrolment_id, step_key)
);
CREATE INDEX step_variant_assignments_experiment ON step_variant_assignments (experiment_id, variant);
