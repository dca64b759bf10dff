-- The rate limit counts the org's executed and reserved (pending) actions of the last hour. Counting
-- the actions themselves cost one row per action in that hour, on every decision; these per-second
-- counts, kept by a trigger in the same transaction as every change to an action, cost at most one
-- row per second of the hour (plus an exact look at the actions of the one second the window's
-- edge cuts). Buckets older than two hours are deleted by the worker.
-- No foreign key to orgs: a derived cache, and an org's deletion cascading to its actions fires
-- the trigger for each of them (the sweep removes what that leaves).
CREATE TABLE action_counts (
  org_id uuid NOT NULL,
  type text NOT NULL,
  second timestamptz NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (org_id, type, second)
);
CREATE INDEX action_counts_age ON action_counts (second);

CREATE FUNCTION gatehouse_count_action() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  was boolean := TG_OP <> 'INSERT' AND OLD.status IN ('executed', 'pending');
  now_counted boolean := TG_OP <> 'DELETE' AND NEW.status IN ('executed', 'pending');
BEGIN
  IF was AND now_counted AND OLD.type = NEW.type AND OLD.created_at = NEW.created_at THEN
    RETURN NULL; -- pending -> executed: still one action in the same bucket
  END IF;
  IF was THEN
    INSERT INTO action_counts AS c (org_id, type, second, n) VALUES (OLD.org_id, OLD.type, date_trunc('second', OLD.created_at), -1)
      ON CONFLICT (org_id, type, second) DO UPDATE SET n = c.n - 1;
  END IF;
  IF now_counted THEN
    INSERT INTO action_counts AS c (org_id, type, second, n) VALUES (NEW.org_id, NEW.type, date_trunc('second', NEW.created_at), 1)
      ON CONFLICT (org_id, type, second) DO UPDATE SET n = c.n + 1;
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER actions_count AFTER INSERT OR DELETE OR UPDATE OF status, type, created_at ON actions
  FOR EACH ROW EXECUTE FUNCTION gatehouse_count_action();

-- what the last two hours already hold
INSERT INTO action_counts (org_id, type, second, n)
SELECT org_id, type, date_trunc('second', created_at), count(*)::int FROM actions
 WHERE status IN ('executed', 'pending') AND created_at > now() - interval '2 hours'
 GROUP BY 1, 2, 3;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gatehouse_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON action_counts TO gatehouse_app;
  END IF;
  ALTER TABLE action_counts ENABLE ROW LEVEL SECURITY;
  ALTER TABLE action_counts FORCE ROW LEVEL SECURITY;
  CREATE POLICY tenant_isolation ON action_counts
    USING (org_id::text = current_setting('app.org_id', true))
    WITH CHECK (org_id::text = current_setting('app.org_id', true));
  EXECUTE format('CREATE POLICY service_owner ON action_counts TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
