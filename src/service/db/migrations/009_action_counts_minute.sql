-- The rate limit's hour count read one per-second row per second of the hour: after an hour of
-- steady traffic, 3,600 rows per action type on every decision, and through an index on the second
-- alone, every other org's rows of that hour too. Per-minute counts beside the per-second ones bound
-- it: the whole minutes of the hour (at most 60 rows a type), the whole seconds of the one minute the
-- hour's edge cuts (at most 59), and the actions of the one second it cuts. Kept by the same trigger,
-- in the same transaction as every change to an action; swept with the per-second rows.
CREATE TABLE action_counts_minute (
  org_id uuid NOT NULL,
  type text NOT NULL,
  minute timestamptz NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (org_id, type, minute)
);
CREATE INDEX action_counts_minute_age ON action_counts_minute (minute);

CREATE OR REPLACE FUNCTION gatehouse_count_action() RETURNS trigger LANGUAGE plpgsql AS $fn$
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
    INSERT INTO action_counts_minute AS c (org_id, type, minute, n) VALUES (OLD.org_id, OLD.type, date_trunc('minute', OLD.created_at), -1)
      ON CONFLICT (org_id, type, minute) DO UPDATE SET n = c.n - 1;
  END IF;
  IF now_counted THEN
    INSERT INTO action_counts AS c (org_id, type, second, n) VALUES (NEW.org_id, NEW.type, date_trunc('second', NEW.created_at), 1)
      ON CONFLICT (org_id, type, second) DO UPDATE SET n = c.n + 1;
    INSERT INTO action_counts_minute AS c (org_id, type, minute, n) VALUES (NEW.org_id, NEW.type, date_trunc('minute', NEW.created_at), 1)
      ON CONFLICT (org_id, type, minute) DO UPDATE SET n = c.n + 1;
  END IF;
  RETURN NULL;
END
$fn$;

-- what the per-second counts already hold
INSERT INTO action_counts_minute (org_id, type, minute, n)
SELECT org_id, type, date_trunc('minute', second), sum(n)::int FROM action_counts GROUP BY 1, 2, 3;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gatehouse_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON action_counts_minute TO gatehouse_app;
  END IF;
  ALTER TABLE action_counts_minute ENABLE ROW LEVEL SECURITY;
  ALTER TABLE action_counts_minute FORCE ROW LEVEL SECURITY;
  CREATE POLICY tenant_isolation ON action_counts_minute
    USING (org_id::text = current_setting('app.org_id', true))
    WITH CHECK (org_id::text = current_setting('app.org_id', true));
  EXECUTE format('CREATE POLICY service_owner ON action_counts_minute TO %I USING (true) WITH CHECK (true)', current_user);
END $$;
