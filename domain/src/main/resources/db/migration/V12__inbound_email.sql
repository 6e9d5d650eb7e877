-- Every inbound email Sequor read (from a mailbox or the inbound webhook), once: the dedupe key is
-- the message's own Message-ID when it has one, so a message seen twice (a mailbox renumbered, a
-- webhook redelivered) is processed once.
CREATE TABLE inbound_emails (
    id                  uuid PRIMARY KEY,
    dedupe_key          text        NOT NULL UNIQUE,
    mailbox_id          text,
    source              text        NOT NULL,
    message_id          text,
    from_address        text,
    subject             text,
    classification      text        NOT NULL,
    reason              text,
    return_at           timestamptz,
    status              text        NOT NULL,
    matched_by          text,
    excerpt             text,
    received_at         timestamptz NOT NULL,
    recorded_at         timestamptz NOT NULL
);
CREATE INDEX inbound_emails_unmatched ON inbound_emails (recorded_at) WHERE status = 'UNMATCHED';

-- The responses an inbound email became, one per enrolment it matched.
CREATE TABLE inbound_email_responses (
    inbound_id   uuid NOT NULL REFERENCES inbound_emails (id),
    enrolment_id uuid NOT NULL REFERENCES enrolments (id),
    response_id  uuid,
    PRIMARY KEY (inbound_id, enrolment_id)
);

-- How far each mailbox has been read: IMAP UIDs only grow within one UIDVALIDITY.
CREATE TABLE mailbox_checkpoints (
    mailbox_id   text PRIMARY KEY,
    uid_validity bigint      NOT NULL,
    last_uid     bigint      NOT NULL,
    updated_at   timestamptz NOT NULL
);
