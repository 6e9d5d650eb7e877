-- Sequor store: what the engine needs to answer "who is enrolled where" without Temporal visibility.

CREATE TABLE prospects (
    id                  uuid PRIMARY KEY,
    email               text,
    linkedin_url        text,
    first_name          text,
    last_name           text,
    company             text,
    title               text,
    timezone            text,
    open_profile        boolean     NOT NULL DEFAULT false,
    email_undeliverable boolean     NOT NULL DEFAULT false,
    fields              jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);
CREATE UNIQUE INDEX prospects_email_key ON prospects (lower(email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX prospects_linkedin_key ON prospects (linkedin_url) WHERE linkedin_url IS NOT NULL;

CREATE TABLE suppressions (
    id           bigserial PRIMARY KEY,
    email        text,
    linkedin_url text,
    reason       text        NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX suppressions_email_key ON suppressions (lower(email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX suppressions_linkedin_key ON suppressions (linkedin_url) WHERE linkedin_url IS NOT NULL;

CREATE TABLE sequences (
    id         uuid PRIMARY KEY,
    name       text        NOT NULL UNIQUE,
    created_at timestamptz NOT NULL
);

CREATE TABLE sequence_versions (
    id          uuid PRIMARY KEY,
    sequence_id uuid        NOT NULL REFERENCES sequences (id),
    version     int         NOT NULL,
    definition  jsonb       NOT NULL,
    created_at  timestamptz NOT NULL,
    UNIQUE (sequence_id, version)
);

CREATE TABLE seats (
    id         text PRIMARY KEY,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE enrolments (
    id                  uuid PRIMARY KEY,
    prospect_id         uuid        NOT NULL REFERENCES prospects (id),
    sequence_id         uuid        NOT NULL REFERENCES sequences (id),
    sequence_version_id uuid        NOT NULL REFERENCES sequence_versions (id),
    seat_id             text        NOT NULL REFERENCES seats (id),
    status              text        NOT NULL,
    stop_reason         text,
    idempotency_key     text,
    request_fingerprint text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);
CREATE UNIQUE INDEX enrolments_idempotency_key ON enrolments (idempotency_key) WHERE idempotency_key IS NOT NULL;
-- One live enrolment per prospect per sequence, enforced by the database so concurrent requests cannot both win.
CREATE UNIQUE INDEX enrolments_one_live ON enrolments (sequence_id, prospect_id) WHERE status IN ('ACTIVE', 'PAUSED');
CREATE INDEX enrolments_status ON enrolments (status);

CREATE TABLE step_executions (
    idempotency_key     text PRIMARY KEY,
    enrolment_id        uuid        NOT NULL REFERENCES enrolments (id),
    step_key            text        NOT NULL,
    channel             text        NOT NULL,
    status              text        NOT NULL,
    message_id          text,
    credit_spent        boolean     NOT NULL DEFAULT false,
    outcome_uncertain   boolean     NOT NULL DEFAULT false,
    detail              text,
    planned_at          timestamptz,
    started_at          timestamptz NOT NULL,
    finished_at         timestamptz
);
CREATE INDEX step_executions_enrolment ON step_executions (enrolment_id);

CREATE TABLE responses (
    id           uuid PRIMARY KEY,
    enrolment_id uuid        NOT NULL REFERENCES enrolments (id),
    channel      text        NOT NULL,
    kind         text        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    return_at    timestamptz,
    body         text,
    recorded_at  timestamptz NOT NULL
);
CREATE INDEX responses_enrolment ON responses (enrolment_id);

-- Append-only: the balance is the sum of amounts. Idempotency keys make a repeated movement a no-op.
CREATE TABLE credit_ledger (
    id              bigserial PRIMARY KEY,
    seat_id         text        NOT NULL REFERENCES seats (id),
    kind            text        NOT NULL,
    amount          int         NOT NULL,
    idempotency_key text        NOT NULL UNIQUE,
    enrolment_id    uuid,
    step_key        text,
    occurred_at     timestamptz NOT NULL
);
CREATE INDEX credit_ledger_seat ON credit_ledger (seat_id);
CREATE INDEX credit_ledger_enrolment ON credit_ledger (enrolment_id);

CREATE TABLE manual_tasks (
    id                  uuid PRIMARY KEY,
    enrolment_id        uuid        NOT NULL REFERENCES enrolments (id),
    step_key            text        NOT NULL,
    seat_id             text        NOT NULL REFERENCES seats (id),
    channel             text        NOT NULL,
    subject             text,
    body                text        NOT NULL,
    profile_url         text,
    status              text        NOT NULL,
    provider_message_id text,
    note                text,
    created_at          timestamptz NOT NULL,
    completed_at        timestamptz,
    UNIQUE (enrolment_id, step_key)
);
CREATE INDEX manual_tasks_open ON manual_tasks (seat_id) WHERE status = 'OPEN';
