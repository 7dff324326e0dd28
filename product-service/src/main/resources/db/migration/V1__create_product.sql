-- The catalog. Checks mirror the API's validation so that no write path can store what the API would reject.
CREATE TABLE product (
    id          uuid PRIMARY KEY,
    sku         varchar(64)   NOT NULL,
    name        varchar(200)  NOT NULL,
    description varchar(2000) NOT NULL DEFAULT '',
    price_cents bigint        NOT NULL CHECK (price_cents >= 0),
    currency    char(3)       NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    stock       integer       NOT NULL CHECK (stock >= 0),
    version     bigint        NOT NULL DEFAULT 1,
    updated_at  timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT product_sku_unique UNIQUE (sku)
);
