-- Orders and their lines. Prices are copied from the catalog at order time: an order never changes when a price does.
CREATE TABLE orders (
    id          uuid PRIMARY KEY,
    customer_id varchar(100) NOT NULL,
    status      varchar(16)  NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'REJECTED')),
    total_cents bigint       NOT NULL CHECK (total_cents >= 0),
    currency    char(3)      NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now(),
    updated_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX orders_customer_created_idx ON orders (customer_id, id);

CREATE TABLE order_item (
    order_id         uuid    NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id       uuid    NOT NULL,
    quantity         integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
    unit_price_cents bigint  NOT NULL CHECK (unit_price_cents >= 0),
    PRIMARY KEY (order_id, product_id)
);
