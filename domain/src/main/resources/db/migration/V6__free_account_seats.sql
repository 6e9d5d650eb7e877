-- Seats on free LinkedIn accounts may only add 200-character notes to connection requests.
ALTER TABLE seats ADD COLUMN free_account boolean NOT NULL DEFAULT false;
