-- Demo catalog for ./local.sh and compose (Flyway location db/demo, switched on by PRODUCT_FLYWAY_LOCATIONS).
-- Deterministic ids (md5 of a name) so scripts and the README can name a product; re-running inserts nothing new.
INSERT INTO product (id, sku, name, description, price_cents, currency, stock)
SELECT md5('demo-product-' || i)::uuid,
       'DEMO-' || lpad(i::text, 4, '0'),
       'Demo product ' || i,
       'Seeded demo catalog entry number ' || i,
       100 + (i * 37) % 9900,
       (ARRAY['EUR', 'USD', 'GBP'])[1 + i % 3],
       50 + i % 200
FROM generate_series(1, 300) AS i
ON CONFLICT DO NOTHING;
