-- Customers are found by e-mail, case-insensitively. Under row-level security a condition that
-- applies a function to a column (lower(email)) may not run before the policy's own check, so the
-- expression index on lower(email) was never used: every look-up read the org's whole customer
-- list. A stored lower-cased copy is compared with a plain "=", which the index serves.
ALTER TABLE customers ADD COLUMN email_key text GENERATED ALWAYS AS (lower(email)) STORED;
DROP INDEX customers_email;
CREATE INDEX customers_email_key ON customers (org_id, email_key);
