import type { Queryable } from '../db/port.ts';
import { iso, json, one, sql } from '../db/port.ts';
import { resolveSettings, type Settings } from '../../tickets/settings.ts';

export interface StoredSettings {
  version: number;
  /** what the org saved (partial, deep-merged over the defaults) */
  value: Record<string, unknown>;
  /** the merged, validated settings the gates use */
  settings: Settings;
  updatedAt: string | null;
  updatedBy: string | null;
}

export const plans = {
  current: (orgId: string) =>
    sql('SELECT version, value, created_at, created_by FROM settings WHERE org_id = $1 ORDER BY version DESC LIMIT 1', orgId),
  insert: (orgId: string, version: number, value: unknown, by: string) =>
    sql('INSERT INTO settings (org_id, version, value, created_by) VALUES ($1, $2, $3::jsonb, $4) RETURNING created_at', orgId, version, json(value), by),
};

export async function getSettings(q: Queryable, orgId: string): Promise<StoredSettings> {
  return storedSettings(await one<SettingsRow>(q, plans.current(orgId)));
}

export interface SettingsRow {
  version: number;
  value: Record<string, unknown>;
  created_at: unknown;
  created_by: string | null;
}

/** The org's current settings from its latest row (none saved yet: the defaults, version 0). */
export function storedSettings(row: SettingsRow | null): StoredSettings {
  const value = row?.value ?? {};
  return {
    version: row?.version ?? 0,
    value,
    settings: resolveSettings(value),
    updatedAt: iso(row?.created_at),
    updatedBy: row?.created_by ?? null,
  };
}

export class VersionConflict extends Error {
  override readonly name = 'VersionConflict';
  constructor(readonly current: number) {
    super(`settings changed since version ${current}; reload and retry`);
  }
}

/**
 * Validates (InputError naming the field) and saves a new version. With `expectedVersion`, a
 * concurrent save in between is refused; the primary key refuses two saves of the same version.
 */
export async function saveSettings(q: Queryable, orgId: string, value: Record<string, unknown>, by: string, expectedVersion?: number): Promise<StoredSettings> {
  const settings = resolveSettings(value);
  const current = await getSettings(q, orgId);
  if (expectedVersion !== undefined && expectedVersion !== current.version) throw new VersionConflict(current.version);
  const row = await one<{ created_at: Date }>(q, plans.insert(orgId, current.version + 1, value, by));
  return { version: current.version + 1, value, settings, updatedAt: iso(row!.created_at), updatedBy: by };
}
