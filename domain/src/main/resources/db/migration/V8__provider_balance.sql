-- What the LinkedIn provider last reported as a seat's InMail credits, when, and what Sequor's
-- ledger held at that moment, so a disagreement between the two can be seen. Null until the
-- provider has reported once.
ALTER TABLE seats
    ADD COLUMN provider_inmail_credits integer,
    ADD COLUMN provider_ledger_balance integer,
    ADD COLUMN provider_reported_at    timestamptz;
