-- Scheduled timing: a prospect's country picks the public holidays skipped for them, and an
-- enrolment may carry the schedule its steps are planned by (null: due at enrolment + offset days,
-- as before schedules existed).
ALTER TABLE prospects ADD COLUMN country text;
ALTER TABLE enrolments ADD COLUMN schedule jsonb;
