-- Seats get a plan, a renewal day and a time zone; credits live in lots that expire 90 days after
-- they were granted or bought. Every ledger movement names the lot it touches.

ALTER TABLE seats
    ADD COLUMN plan        text,
    ADD COLUMN renewal_day int  NOT NULL DEFAULT 1 CHECK (renewal_day BETWEEN 1 AND 31),
    ADD COLUMN timezone    text NOT NULL DEFAULT 'UTC';

CREATE TABLE credit_lots (
    id         uuid PRIMARY KEY,
    seat_id    text        NOT NULL REFERENCES seats (id),
    source     text        NOT NULL,
    quantity   int         NOT NULL CHECK (quantity >= 0),
    granted_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    expired    boolean     NOT NULL DEFAULT false
);
CREATE INDEX credit_lots_live ON credit_lots (seat_id, expires_at) WHERE NOT expired;

ALTER TABLE credit_ledger
    ADD COLUMN lot_id   uuid REFERENCES credit_lots (id),
    ADD COLUMN quantity int  NOT NULL DEFAULT 0;
UPDATE credit_ledger SET quantity = abs(amount);

-- Credits granted before lots existed become one lot per seat, expiring 90 days after the grant.
INSERT INTO credit_lots (id, seat_id, source, quantity, granted_at, expires_at)
SELECT md5('lot:' || l.idempotency_key)::uuid, l.seat_id, 'GRANT', l.amount, l.occurred_at,
       l.occurred_at + interval '90 days'
FROM credit_ledger l WHERE l.kind = 'GRANT';
UPDATE credit_ledger l SET lot_id = md5('lot:' || l.idempotency_key)::uuid WHERE l.kind = 'GRANT';
UPDATE credit_ledger l SET lot_id = (
    SELECT g.lot_id FROM credit_ledger g
    WHERE g.seat_id = l.seat_id AND g.kind = 'GRANT' ORDER BY g.occurred_at LIMIT 1)
WHERE l.kind <> 'GRANT';
