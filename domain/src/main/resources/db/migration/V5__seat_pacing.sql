-- Seat safety pacing: per-seat settings, a back-off after a provider restriction, and send slots
-- booked ahead so that no day or week ever passes a seat's caps.
ALTER TABLE seats
    ADD COLUMN pacing        jsonb,
    ADD COLUMN backoff_until timestamptz;

CREATE TABLE seat_slots (
    id           bigserial PRIMARY KEY,
    seat_id      text        NOT NULL REFERENCES seats (id),
    action       text        NOT NULL,
    enrolment_id uuid        NOT NULL,
    step_key     text        NOT NULL,
    slot_at      timestamptz NOT NULL,
    status       text        NOT NULL,
    booked_at    timestamptz NOT NULL,
    UNIQUE (enrolment_id, step_key)
);
CREATE INDEX seat_slots_booked ON seat_slots (seat_id, action, slot_at) WHERE status <> 'RELEASED';
