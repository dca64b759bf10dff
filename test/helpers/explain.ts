import type { Db, SqlPlan } from '../../src/service/db/port.ts';
import { withOrg } from '../../src/service/db/tenant.ts';

/** Rows every scan node of an EXPLAIN ANALYZE (FORMAT JSON) plan read: those it returned and those its filter dropped. */
export function scannedRows(node: Record<string, any>): number {
  const read = Number(node['Actual Rows'] ?? 0) + Number(node['Rows Removed by Filter'] ?? 0) + Number(node['Rows Removed by Index Recheck'] ?? 0);
  const own = String(node['Node Type']).includes('Scan') ? read * Number(node['Actual Loops'] ?? 1) : 0;
  return own + ((node.Plans as Record<string, any>[] | undefined) ?? []).reduce((s, p) => s + scannedRows(p), 0);
}

/** How many rows a statement's scans examine, run in the org's scope (its plan, not a timing). */
export async function rowsExamined(db: Db, orgId: string, plan: SqlPlan): Promise<number> {
  const explained = await withOrg(db, orgId, (tx) => tx.executeSql<Record<string, any>>(`EXPLAIN (ANALYZE, FORMAT JSON) ${plan.text}`, [...plan.values]));
  const raw = explained.rows[0]['QUERY PLAN'];
  return scannedRows((typeof raw === 'string' ? JSON.parse(raw) : raw)[0].Plan);
}
