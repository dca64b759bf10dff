import { sql } from '../db/port.ts';
import { FIRST_OF_EACH_TYPE, HOUR_COUNTS, factColumns } from './tickets.ts';

/**
 * What a batch of one org's tickets is decided on, in one statement (one round trip, not two per
 * ticket), for a store that lives in the database (the demo store's customers and orders): per
 * ticket, in order, its customer (by e-mail), the customer's orders, the orders its text names
 * (`named`), and the same decision facts plans.decisionFacts reads for one ticket. The org's first
 * action of each type and its hour counts are read once for all.
 * The e-mails are lowered before the join (a materialized CTE): with row-level security, a function of another table's
 * column in the join condition kept the customers' index out (a scan of every customer per ticket).
 * Parameters: $1 org, $2 ticket ids, $3 window in days, $4 now, $5 e-mails (null: none), $6 and $8
 * the named orders as (ticket's position from 1, order id), $7 the in-flight read's start.
 */
export const batchFactsPlan = (
  orgId: string, tickets: ReadonlyArray<{ id: string; email: string | null; named: readonly string[] }>, windowDays: number, now: string, since: string,
) => sql(`
  WITH req AS MATERIALIZED (SELECT r.id, lower(r.email) AS email_key, r.i::int AS i FROM unnest($2::text[], $5::text[]) WITH ORDINALITY AS r(id, email, i)),
       named AS (SELECT n.i, n.id FROM unnest($6::int[], $8::text[]) AS n(i, id)),
       firsts AS MATERIALIZED (${FIRST_OF_EACH_TYPE}),
       hours AS MATERIALIZED (${HOUR_COUNTS}),
       cust AS (SELECT req.i, req.id, c.id AS customer_id, CASE WHEN c.id IS NULL THEN NULL ELSE row_to_json(c) END AS customer
                  FROM req LEFT JOIN LATERAL (SELECT * FROM customers WHERE org_id = $1 AND customers.email_key = req.email_key ORDER BY id LIMIT 1) c ON true)
  SELECT cust.i, cust.customer, coalesce(own.orders, '[]') AS orders,
         (SELECT coalesce(json_agg(o), '[]') FROM orders o WHERE o.org_id = $1 AND o.id = ANY(ARRAY(SELECT id FROM named WHERE named.i = cust.i))) AS named,
         ${factColumns({ customer: 'cust.customer_id', ticket: 'cust.id', orderIds: `(coalesce(own.ids, '{}') || ARRAY(SELECT id FROM named WHERE named.i = cust.i))`, firsts: 'firsts', hours: 'hours' })}
    FROM cust
    LEFT JOIN LATERAL (SELECT json_agg(o) AS orders, array_agg(o.id) AS ids FROM
                         (SELECT * FROM orders WHERE org_id = $1 AND customer_id = cust.customer_id ORDER BY created_at DESC LIMIT 250) o) own ON true
   ORDER BY cust.i`,
  orgId, tickets.map((t) => t.id), Math.ceil(windowDays), now, tickets.map((t) => t.email),
  tickets.flatMap((t, i) => t.named.map(() => i + 1)), since, tickets.flatMap((t) => t.named));
