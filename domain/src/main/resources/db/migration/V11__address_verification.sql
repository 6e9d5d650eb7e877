-- The verdict of the last check of each prospect's email address (docs/addresses.md): VALID, RISKY,
-- INVALID or UNKNOWN, with its reasons as [{"code": ..., "text": ...}]. Cleared when the address
-- changes, together with email_undeliverable, since both were about the old address.
ALTER TABLE prospects
    ADD COLUMN email_verdict         text CHECK (email_verdict IN ('VALID', 'RISKY', 'INVALID', 'UNKNOWN')),
    ADD COLUMN email_verdict_reasons jsonb,
    ADD COLUMN email_verified_at     timestamptz;
