-- Sender mailboxes: the SMTP (and optionally IMAP) account each email goes out from, with its
-- passwords sealed by SecretBox (AES-256-GCM; never stored in plain text) and optional pacing.
CREATE TABLE mailboxes (
    id            text PRIMARY KEY,
    from_address  text        NOT NULL,
    display_name  text,
    smtp_host     text        NOT NULL,
    smtp_port     int         NOT NULL,
    smtp_username text,
    smtp_password text,
    smtp_security text        NOT NULL,
    imap_host     text,
    imap_port     int,
    imap_username text,
    imap_password text,
    imap_security text,
    pacing        jsonb,
    enabled       boolean     NOT NULL DEFAULT true,
    -- Grows with every change of settings, so a worker knows when its cached mail session is stale.
    version       int         NOT NULL DEFAULT 1,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    CHECK ((imap_host IS NULL) = (imap_port IS NULL))
);

-- The mailbox an enrolment sends from, chosen at enrolment. NULL (enrolments made before mailboxes
-- existed) means the default mailbox.
ALTER TABLE enrolments ADD COLUMN mailbox_id text REFERENCES mailboxes (id);
CREATE INDEX enrolments_mailbox ON enrolments (mailbox_id, created_at) WHERE mailbox_id IS NOT NULL;

-- Send slots booked ahead on a paced mailbox, as seat_slots are for seats.
CREATE TABLE mailbox_slots (
    id           bigserial PRIMARY KEY,
    mailbox_id   text        NOT NULL REFERENCES mailboxes (id),
    enrolment_id uuid        NOT NULL,
    step_key     text        NOT NULL,
    slot_at      timestamptz NOT NULL,
    status       text        NOT NULL,
    booked_at    timestamptz NOT NULL,
    UNIQUE (enrolment_id, step_key)
);
CREATE INDEX mailbox_slots_booked ON mailbox_slots (mailbox_id, slot_at) WHERE status <> 'RELEASED';
