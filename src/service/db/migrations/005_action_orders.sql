-- The in-flight check under the org's lock looks up actions by the orders a ticket touches. Without
-- this index it read every executed action the org ever had (cost grew with stored history).
CREATE INDEX actions_order ON actions (org_id, order_id);
