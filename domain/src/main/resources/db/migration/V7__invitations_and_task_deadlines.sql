-- Connection requests a seat sent, so unanswered ones can be withdrawn and LinkedIn's wait before
-- inviting the same person again is respected.
CREATE TABLE linkedin_invitations (
    enrolment_id  uuid        NOT NULL REFERENCES enrolments (id),
    send_key      text        NOT NULL,
    seat_id       text        NOT NULL REFERENCES seats (id),
    profile_url   text        NOT NULL,
    invitation_id text,
    sent_at       timestamptz NOT NULL,
    withdrawn_at  timestamptz,
    PRIMARY KEY (enrolment_id, send_key)
);
CREATE INDEX linkedin_invitations_withdrawn
    ON linkedin_invitations (seat_id, profile_url, withdrawn_at) WHERE withdrawn_at IS NOT NULL;

-- A seat whose LinkedIn actions a rep sends by hand from tasks, whatever the configured gateway.
ALTER TABLE seats ADD COLUMN manual boolean NOT NULL DEFAULT false;

-- A manual task is due at a time, and may be pushed to a later window a bounded number of times.
ALTER TABLE manual_tasks ADD COLUMN due_at timestamptz;
ALTER TABLE manual_tasks ADD COLUMN pushes int NOT NULL DEFAULT 0;
UPDATE manual_tasks SET due_at = created_at + interval '2 days' WHERE due_at IS NULL;
ALTER TABLE manual_tasks ALTER COLUMN due_at SET NOT NULL;
