-- Follow-ups thread under the first email of their enrolment: a follow-up whose step sets no subject
-- is sent as "Re: <the first email's subject>", so the subject actually sent is kept with the send.
ALTER TABLE step_executions ADD COLUMN subject text;

-- The one-click unsubscribe can suppress a whole email domain (sequor.mail.unsubscribe-suppresses-domain).
ALTER TABLE suppressions ADD COLUMN domain text;
CREATE UNIQUE INDEX suppressions_domain_key ON suppressions (lower(domain)) WHERE domain IS NOT NULL;
