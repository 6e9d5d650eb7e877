-- Tenancy: every resource a client owns belongs to one workspace. Rows made before workspaces
-- existed belong to the installation's first workspace, "default".

CREATE TABLE workspaces (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL
);
INSERT INTO workspaces (id, name, created_at)
VALUES ('00000000-0000-4000-8000-000000000001', 'default', now());

-- An API key is shown once; the store keeps its SHA-256 only. The prefix (first characters of the
-- key) lets a person tell keys apart in a listing without revealing them.
CREATE TABLE api_keys (
    id           uuid PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES workspaces (id),
    name         text        NOT NULL,
    prefix       text        NOT NULL,
    key_hash     text        NOT NULL UNIQUE,
    scopes       text[]      NOT NULL,
    created_at   timestamptz NOT NULL,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
CREATE INDEX api_keys_workspace ON api_keys (workspace_id);

ALTER TABLE prospects ADD COLUMN workspace_id uuid NOT NULL
    DEFAULT '00000000-0000-4000-8000-000000000001' REFERENCES workspaces (id);
ALTER TABLE sequences ADD COLUMN workspace_id uuid NOT NULL
    DEFAULT '00000000-0000-4000-8000-000000000001' REFERENCES workspaces (id);
ALTER TABLE seats ADD COLUMN workspace_id uuid NOT NULL
    DEFAULT '00000000-0000-4000-8000-000000000001' REFERENCES workspaces (id);
ALTER TABLE mailboxes ADD COLUMN workspace_id uuid NOT NULL
    DEFAULT '00000000-0000-4000-8000-000000000001' REFERENCES workspaces (id);
ALTER TABLE enrolments ADD COLUMN workspace_id uuid NOT NULL
    DEFAULT '00000000-0000-4000-8000-000000000001' REFERENCES workspaces (id);
CREATE INDEX enrolments_workspace ON enrolments (workspace_id, created_at);
