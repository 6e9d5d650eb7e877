-- Natural keys are unique per workspace: two clients may each have a prospect jane@example.com or
-- a sequence called "Q3 outbound" without seeing each other's.

DROP INDEX prospects_email_key;
CREATE UNIQUE INDEX prospects_email_key ON prospects (workspace_id, lower(email)) WHERE email IS NOT NULL;
DROP INDEX prospects_linkedin_key;
CREATE UNIQUE INDEX prospects_linkedin_key ON prospects (workspace_id, linkedin_url) WHERE linkedin_url IS NOT NULL;

ALTER TABLE sequences DROP CONSTRAINT sequences_name_key;
CREATE UNIQUE INDEX sequences_name_key ON sequences (workspace_id, name);

-- An Idempotency-Key is the client's own string: two workspaces may pick the same one.
DROP INDEX enrolments_idempotency_key;
CREATE UNIQUE INDEX enrolments_idempotency_key ON enrolments (workspace_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;

CREATE INDEX seats_workspace ON seats (workspace_id);
CREATE INDEX mailboxes_workspace ON mailboxes (workspace_id);

-- A key may be held to a lower rate than the installation's (sequor.api.rate-limit.*), for example
-- an automation that should never crowd out people. Null: the installation's limit.
ALTER TABLE api_keys ADD COLUMN requests_per_second int CHECK (requests_per_second > 0);
ALTER TABLE api_keys ADD COLUMN burst int CHECK (burst > 0);
