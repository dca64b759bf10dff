-- Gatehouse schema v1. Every tenant table carries org_id and is guarded by row-level security
-- (the second line behind the application's own WHERE org_id = $1).

CREATE TABLE orgs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid GENERATED ALWAYS AS (id) STORED,
  name text NOT NULL,
  inbound_address text UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  email text NOT NULL,
  name text,
  role text NOT NULL DEFAULT 'admin',
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
-- one e-mail signs in to one organisation: login finds the org from the address
CREATE UNIQUE INDEX users_email ON users (lower(email));
CREATE INDEX users_org ON users (org_id);

CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_org ON sessions (org_id);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  name text NOT NULL,
  prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_keys_org ON api_keys (org_id);

CREATE TABLE settings (
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  version integer NOT NULL,
  value jsonb NOT NULL,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, version)
);

-- the built-in demo store
CREATE TABLE customers (
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id text NOT NULL,
  email text NOT NULL,
  name text,
  tags jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX customers_email ON customers (org_id, lower(email));

CREATE TABLE orders (
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id text NOT NULL,
  customer_id text,
  created_at timestamptz NOT NULL,
  currency text NOT NULL DEFAULT 'USD',
  total_price numeric(14, 2) NOT NULL,
  refunded_amount numeric(14, 2) NOT NULL DEFAULT 0,
  financial_status text NOT NULL DEFAULT 'paid',
  fulfillment_status text NOT NULL DEFAULT 'unfulfilled',
  cancelled_at timestamptz,
  line_items jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (org_id, id)
);
CREATE INDEX orders_customer ON orders (org_id, customer_id);

-- every write the demo store received, by idempotency key: the same key twice moves money once
CREATE TABLE store_mutations (
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  idempotency_key text NOT NULL,
  kind text NOT NULL,
  order_id text NOT NULL,
  amount numeric(14, 2) NOT NULL DEFAULT 0,
  result jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, idempotency_key)
);

CREATE TABLE store_credentials (
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  provider text NOT NULL,
  shop text,
  ciphertext text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, provider)
);

CREATE TABLE tickets (
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id text NOT NULL,
  payload jsonb NOT NULL,
  payload_hash text NOT NULL,
  customer_email text,
  customer_id text,
  status text NOT NULL DEFAULT 'queued',         -- queued | decided | failed
  outcome text,
  would_be text,
  stopped_gate text,
  intent text,
  reason text,
  confidence double precision,
  model_answer jsonb,
  decision jsonb,
  settings_version integer,
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  PRIMARY KEY (org_id, id)
);
CREATE INDEX tickets_recent ON tickets (org_id, created_at DESC);
CREATE INDEX tickets_customer ON tickets (org_id, customer_id, created_at);
CREATE INDEX tickets_outcome ON tickets (org_id, outcome, decided_at);

CREATE TABLE decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  ticket_id text NOT NULL,
  kind text NOT NULL,                            -- ticket | approval
  actor text NOT NULL,
  outcome text NOT NULL,
  decision jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX decisions_ticket ON decisions (org_id, ticket_id, created_at);

CREATE TABLE actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  ticket_id text NOT NULL,
  idx integer NOT NULL,
  type text NOT NULL,
  order_id text NOT NULL,
  customer_id text,
  amount numeric(14, 2) NOT NULL DEFAULT 0,
  currency text NOT NULL DEFAULT 'USD',
  params jsonb NOT NULL DEFAULT '{}',
  -- awaiting_approval | pending (intent recorded, store not yet confirmed) | executed | failed
  -- | blocked | rejected | would_execute | not_run
  status text NOT NULL,
  gate text,
  reason text,                                   -- the proposed action's own reason (damaged, …)
  note text,                                     -- why it was blocked, rejected or failed
  idempotency_key text NOT NULL,
  store_result jsonb,
  decided_by text,
  approved_by text,
  rejected_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  executed_at timestamptz,
  UNIQUE (org_id, ticket_id, idx),
  UNIQUE (org_id, idempotency_key)
);
CREATE INDEX actions_status ON actions (org_id, status, created_at);
CREATE INDEX actions_customer ON actions (org_id, customer_id, created_at);
-- the limits gate counts what executed (or is being executed) recently
CREATE INDEX actions_recent ON actions (org_id, created_at) WHERE status IN ('executed', 'pending');
CREATE INDEX actions_executed_type ON actions (org_id, type, created_at) WHERE status = 'executed';

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  at timestamptz NOT NULL DEFAULT now(),
  type text NOT NULL,                            -- refund | cancel | exchange | ticket | settings | auth | api_key
  event text NOT NULL,
  status text,
  actor text NOT NULL,
  tool text,
  ticket_id text,
  action_id uuid,
  customer_id text,
  amount numeric(14, 2),
  currency text,
  gate text,
  confidence double precision,
  input jsonb,
  output jsonb
);
CREATE INDEX audit_recent ON audit_log (org_id, at DESC, id DESC);
CREATE INDEX audit_type ON audit_log (org_id, type, at DESC);
CREATE INDEX audit_customer ON audit_log (org_id, customer_id, at DESC);

-- the audit log is append-only, for the application and for anyone with a SQL prompt
CREATE FUNCTION gatehouse_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION gatehouse_audit_append_only();

CREATE TABLE risk_signals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  customer_id text NOT NULL,
  source text NOT NULL DEFAULT 'unknown',
  level text NOT NULL,
  note text,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX risk_signals_customer ON risk_signals (org_id, customer_id);

CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'queued',         -- queued | running | done | dead
  attempts integer NOT NULL DEFAULT 0,
  max_attempts integer NOT NULL DEFAULT 5,
  run_after timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_ready ON jobs (run_after, id) WHERE status = 'queued';
CREATE INDEX jobs_running ON jobs (locked_until) WHERE status = 'running';
CREATE INDEX jobs_org ON jobs (org_id, status);
