-- A claim now records whether the message was handed to the mail server or provider. A claim that
-- never got that far is safe to retry; one that did is never sent twice. The token tells
-- concurrent attempts of the same activity apart.
ALTER TABLE step_executions ADD COLUMN attempt_token uuid;
