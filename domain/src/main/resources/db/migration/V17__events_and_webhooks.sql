-- The event log: one row per state change a client may want to hear of, appended in the
-- transaction that makes the change. The id is what a webhook receiver deduplicates on. Metrics
-- read the same rows, so the dimensions they group by are columns, not buried in data.

CREATE TABLE events (
    id                  uuid PRIMARY KEY,
    seq                 bigserial   NOT NULL UNIQUE,
    workspace_id        uuid        NOT NULL REFERENCES workspaces (id),
    type                text        NOT NULL,
    enrolment_id        uuid REFERENCES enrolments (id),
    campaign_id         uuid,
    sequence_version_id uuid,
    step_key            text,
    channel             text,
    seat_id             text,
    mailbox_id          text,
    occurred_at         timestamptz NOT NULL,
    recorded_at         timestamptz NOT NULL,
    -- A retried activity appends under the same key and adds nothing.
    idempotency_key     text        NOT NULL UNIQUE,
    data                jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX events_workspace_time ON events (workspace_id, occurred_at);
CREATE INDEX events_workspace_type_time ON events (workspace_id, type, occurred_at);
CREATE INDEX events_enrolment ON events (enrolment_id);

-- Outbound webhook subscriptions. The signing secret is sealed with the secret box (AES-GCM).
CREATE TABLE webhook_subscriptions (
    id              uuid PRIMARY KEY,
    workspace_id    uuid        NOT NULL REFERENCES workspaces (id),
    url             text        NOT NULL,
    events          text[]      NOT NULL,
    description     text,
    secret_sealed   text        NOT NULL,
    status          text        NOT NULL,
    disabled_reason text,
    disabled_at     timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX webhook_subscriptions_workspace ON webhook_subscriptions (workspace_id);

-- One row per event to deliver to a subscription (a replay adds new rows for the same events).
-- Rows are made in the event's own transaction, so an event is never missed, even by a
-- subscription that is disabled at the time: it gets them when enabled again.
CREATE TABLE webhook_deliveries (
    id               bigserial PRIMARY KEY,
    workspace_id     uuid        NOT NULL REFERENCES workspaces (id),
    subscription_id  uuid        NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    event_id         uuid        NOT NULL REFERENCES events (id),
    status           text        NOT NULL,
    replay           boolean     NOT NULL DEFAULT false,
    attempts         int         NOT NULL DEFAULT 0,
    last_status_code int,
    last_error       text,
    last_attempt_at  timestamptz,
    next_attempt_at  timestamptz,
    delivered_at     timestamptz,
    created_at       timestamptz NOT NULL
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (subscription_id, id) WHERE status <> 'DELIVERED';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (subscription_id, status, id);
