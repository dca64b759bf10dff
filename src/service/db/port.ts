/** A SQL statement with its bound values: every plan function returns one; nothing is interpolated. */
export interface SqlPlan {
  readonly text: string;
  readonly values: readonly unknown[];
}

export interface SqlResult<R> {
  rows: R[];
  rowCount: number;
}

/** The minimal query port over PGlite and PostgreSQL (pg-boss style): statements, scripts, transactions. */
export interface Queryable {
  executeSql<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<SqlResult<R>>;
  /** Several statements without bound values (migrations only). */
  executeScript(sql: string): Promise<void>;
}

/** The queries of one transaction. */
export interface Tx extends Queryable {
  /**
   * Commit without waiting for the write-ahead log to reach the disk (`synchronous_commit = off`).
   * Only for a transaction whose loss in a crash is harmless because a retried job redoes it; the
   * commit stays atomic and ordered, and the next durable commit flushes it too.
   */
  lazyCommit(): void;
}

export interface TxOptions {
  /** transaction-local settings (`set_config(name, value, true)`), applied as the transaction begins */
  settings?: Readonly<Record<string, string>>;
  /** an advisory lock (`pg_advisory_xact_lock(hashtext(key))`) taken as the transaction begins, after the settings, and held to its end */
  lock?: string;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: commit on success, roll back at once on any error. */
  transaction<T>(fn: (tx: Tx) => Promise<T>, opts?: TxOptions): Promise<T>;
  close(): Promise<void>;
  /** Whether tenant transactions switch to the non-superuser `gatehouse_app` role (set after migrations). */
  appRole: boolean;
}

/** Run a plan. */
export async function run<R = Record<string, unknown>>(q: Queryable, plan: SqlPlan): Promise<R[]> {
  const result = await q.executeSql<R>(plan.text, plan.values);
  return result.rows;
}

/** Run a plan expecting at most one row. */
export async function one<R = Record<string, unknown>>(q: Queryable, plan: SqlPlan): Promise<R | null> {
  const rows = await run<R>(q, plan);
  return rows[0] ?? null;
}

export const sql = (text: string, ...values: unknown[]): SqlPlan => ({ text, values });

/** JSON for a `$n::jsonb` parameter (pg would turn a JS array into a PostgreSQL array otherwise). */
export const json = (value: unknown): string => JSON.stringify(value ?? null);

/** numeric columns arrive as strings; timestamps as Date: normalise for the API. */
export const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
export const iso = (value: unknown): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();

/**
 * Several statements as one round trip: each of `first` becomes a CTE (`s0`, `s1` …; a data-modifying
 * CTE runs exactly once, referenced or not), then `last`, which may read them. Parameters are renumbered.
 */
export function combine(first: readonly SqlPlan[], last: SqlPlan, suffix = ''): SqlPlan {
  const values: unknown[] = [];
  const shift = (p: SqlPlan) => {
    const offset = values.length;
    values.push(...p.values);
    return renumbered(p.text, offset);
  };
  const ctes = first.map((p, i) => `s${i} AS (${shift(p)})`);
  return { text: `WITH ${ctes.join(',\n')}\n${shift(last)}${suffix}`, values };
}

/**
 * A statement's text with its parameters moved up by `offset`. Plan texts are a finite set, so the
 * result is kept: the regular expression ran on every combined statement (a twelfth of the worker's CPU).
 */
const shifted = new Map<string, Map<number, string>>();
function renumbered(text: string, offset: number): string {
  if (offset === 0) return text;
  let byOffset = shifted.get(text);
  if (!byOffset) {
    // bounded like the prepared-statement names: a caller building texts dynamically cannot grow it without end
    if (shifted.size >= 2000) shifted.clear();
    shifted.set(text, (byOffset = new Map()));
  }
  let out = byOffset.get(offset);
  if (out === undefined) {
    out = text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    byOffset.set(offset, out);
  }
  return out;
}
