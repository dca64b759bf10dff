-- Row-level security on every tenant table, FORCEd so even the owner is filtered.
-- Tenant transactions run as gatehouse_app (no superuser, no BYPASSRLS) with app.org_id set;
-- the owner's own connection (migrations, log-in look-ups, the job queue) keeps an explicit policy.
DO $$
DECLARE t text;
BEGIN
  BEGIN
    CREATE ROLE gatehouse_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN RAISE NOTICE 'cannot create role gatehouse_app';
  END;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gatehouse_app') THEN
    BEGIN
      EXECUTE format('GRANT gatehouse_app TO %I', current_user);
    EXCEPTION WHEN others THEN NULL; -- already a member, or a superuser
    END;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO gatehouse_app', current_schema());
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO gatehouse_app', current_schema());
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO gatehouse_app', current_schema());
  END IF;
  FOREACH t IN ARRAY ARRAY['orgs', 'users', 'sessions', 'api_keys', 'settings', 'customers', 'orders',
    'store_mutations', 'store_credentials', 'tickets', 'decisions', 'actions', 'audit_log', 'risk_signals', 'jobs']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY tenant_isolation ON %I
      USING (org_id::text = current_setting('app.org_id', true))
      WITH CHECK (org_id::text = current_setting('app.org_id', true))$p$, t);
    EXECUTE format('CREATE POLICY service_owner ON %I TO %I USING (true) WITH CHECK (true)', t, current_user);
  END LOOP;
END $$;
