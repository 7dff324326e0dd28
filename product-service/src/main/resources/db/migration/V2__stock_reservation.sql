-- The stored outcome of each order's stock reservation: written in the same transaction as the stock decrements,
-- so a redelivered reservation for the same order finds it and changes nothing.
CREATE TABLE stock_reservation (
    order_id   uuid PRIMARY KEY,
    status     varchar(16)  NOT NULL CHECK (status IN ('PENDING', 'RESERVED', 'REJECTED')),
    reason     varchar(200),
    created_at timestamptz  NOT NULL DEFAULT now()
);
