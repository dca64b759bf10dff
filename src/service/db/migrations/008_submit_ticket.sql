-- Accepting a ticket in one statement, so in one round trip: the tenant scope (app.org_id and, where
-- the role exists, the gatehouse_app role whose row-level security applies) is set inside the call,
-- local to the statement's own transaction, and the ticket, its job, or the copy already stored
-- under that id come back together. Before, the API spent three round trips per ticket (BEGIN with
-- the scope, the insert, COMMIT) and a fourth for a duplicate.
CREATE FUNCTION gatehouse_submit_ticket(p_org uuid, p_id text, p_payload jsonb, p_hash text, p_email text, p_as_app boolean)
  RETURNS TABLE (queued boolean, stored_status text, stored_hash text)
  LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM set_config('app.org_id', p_org::text, true);
  IF p_as_app THEN
    PERFORM set_config('role', 'gatehouse_app', true);
  END IF;
  INSERT INTO tickets (org_id, id, payload, payload_hash, customer_email) VALUES (p_org, p_id, p_payload, p_hash, p_email)
    ON CONFLICT (org_id, id) DO NOTHING;
  IF FOUND THEN
    INSERT INTO jobs (org_id, kind, payload) VALUES (p_org, 'ticket', jsonb_build_object('ticketId', p_id));
    RETURN QUERY SELECT true, 'queued'::text, p_hash;
  ELSE
    RETURN QUERY SELECT false, t.status, t.payload_hash FROM tickets t WHERE t.org_id = p_org AND t.id = p_id;
  END IF;
END
$fn$;
