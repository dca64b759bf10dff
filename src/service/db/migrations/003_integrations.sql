-- Phone intake (the calls webhook) and the tables it needs, under the same row-level security.
CREATE TABLE call_configs (
  org_id uuid PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
  phone text UNIQUE,                              -- the number callers dial (E.164), how a call finds its business
  config jsonb NOT NULL,
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- a call's state between webhook requests: in the database, so any instance can take the next turn
CREATE TABLE call_states (
  call_sid text PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  state jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE TABLE call_summaries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  call_sid text NOT NULL,
  disposition text,
  result jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_summaries_recent ON call_summaries (org_id, created_at DESC);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['call_configs', 'call_states', 'call_summaries'] LOOP
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gatehouse_app') THEN
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO gatehouse_app', t);
    END IF;
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
      USING (org_id::text = current_setting('app.org_id', true))
      WITH CHECK (org_id::text = current_setting('app.org_id', true))$p$, t);
    EXECUTE format('CREATE POLICY service_owner ON %I TO %I USING (true) WITH CHECK (true)', t, current_user);
  END LOOP;
END $$;
