-- Events a LinkedIn provider pushed to the webhook: prospect messages and invitation acceptances.
-- Providers deliver at least once; the provider's event id is the key, so a repeat finds its row
-- and changes nothing. enrolment_id is null for an event that matched no send: kept for review.
CREATE TABLE linkedin_events (
    event_id           text PRIMARY KEY,
    type               text        NOT NULL,
    related_message_id text,
    related_chat_id    text,
    occurred_at        timestamptz,
    enrolment_id       uuid REFERENCES enrolments (id),
    response_id        uuid REFERENCES responses (id),
    -- The message text, only for unmatched events (a matched one's text is in responses.body).
    body               text,
    received_at        timestamptz NOT NULL
);
CREATE INDEX linkedin_events_unmatched ON linkedin_events (received_at) WHERE enrolment_id IS NULL;

-- The webhook finds the enrolment of a reply by the provider id of the message it answers.
CREATE INDEX step_executions_message_id ON step_executions (message_id) WHERE message_id IS NOT NULL;
