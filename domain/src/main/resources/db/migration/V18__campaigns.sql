-- Campaigns: a sequence version launched on an audience from a rotation of seats and mailboxes.

CREATE TABLE campaigns (
    id                     uuid PRIMARY KEY,
    workspace_id           uuid        NOT NULL REFERENCES workspaces (id),
    name                   text        NOT NULL,
    sequence_id            uuid        NOT NULL REFERENCES sequences (id),
    sequence_version_id    uuid        NOT NULL REFERENCES sequence_versions (id),
    -- {"prospectIds": [...]} or {"filter": {...}}; resolved into campaign_audience at launch.
    audience               jsonb       NOT NULL,
    seat_ids               text[]      NOT NULL,
    mailbox_ids            text[]      NOT NULL,
    schedule               jsonb,
    allow_active_elsewhere boolean     NOT NULL DEFAULT false,
    stop_company_on_reply  boolean     NOT NULL DEFAULT false,
    page_size              int         NOT NULL,
    page_interval_ms       bigint      NOT NULL,
    status                 text        NOT NULL,
    created_at             timestamptz NOT NULL,
    launched_at            timestamptz,
    finished_at            timestamptz
);
CREATE UNIQUE INDEX campaigns_name ON campaigns (workspace_id, name);

-- The audience as it stood at launch: the launch pages through it in prospect id order.
CREATE TABLE campaign_audience (
    campaign_id uuid NOT NULL REFERENCES campaigns (id),
    prospect_id uuid NOT NULL REFERENCES prospects (id),
    PRIMARY KEY (campaign_id, prospect_id)
);

-- What the launch decided for each prospect, once: the primary key is what makes a retried page
-- or a restarted launch enrol nobody twice.
CREATE TABLE campaign_members (
    campaign_id  uuid        NOT NULL REFERENCES campaigns (id),
    prospect_id  uuid        NOT NULL REFERENCES prospects (id),
    position     int         NOT NULL,
    outcome      text        NOT NULL,
    reason       text,
    detail       text,
    enrolment_id uuid REFERENCES enrolments (id),
    decided_at   timestamptz NOT NULL,
    PRIMARY KEY (campaign_id, prospect_id)
);
CREATE INDEX campaign_members_outcome ON campaign_members (campaign_id, outcome, reason);

ALTER TABLE enrolments ADD COLUMN campaign_id uuid REFERENCES campaigns (id);
CREATE INDEX enrolments_campaign ON enrolments (campaign_id, status) WHERE campaign_id IS NOT NULL;
-- Cross-campaign protection asks "is this prospect live anywhere?".
CREATE INDEX enrolments_prospect_live ON enrolments (prospect_id) WHERE status IN ('ACTIVE', 'PAUSED');
