import type { Db } from '../db/port.ts';
import type { StoreAdapter } from '../../adapters/store/types.ts';
import type { ModelAdapter } from '../../adapters/model/types.ts';
import { demoStore } from '../../adapters/store/demo.ts';

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Everything the service's work needs, built once at start-up and passed down (no globals). */
export interface ServiceContext {
  db: Db;
  /** the org's store: its connected store, or the built-in demo store */
  storeFor(orgId: string): Promise<StoreAdapter>;
  /** the configured model (undefined: the built-in local model) */
  model?: ModelAdapter;
  /** GATEHOUSE_KILL_SWITCH, read once at the edge */
  env: { killSwitch: boolean };
  modelTimeoutMs?: number;
  /** the service clock (tests can move it) */
  now(): Date;
  log: Logger;
  /** sends cleared replies of e-mail tickets (GATEHOUSE_SMTP_URL); absent: replies are recorded as not sent */
  mailer?: import('../../adapters/mail/smtp.ts').SmtpMailer | null;
  /** wakes the local worker after an enqueue (other instances poll) */
  wake?: () => void;
}

/** One JSON line per event on stderr; callers never pass secrets (tokens, keys, passwords). */
export function jsonLogger(quiet = false): Logger {
  const write = (level: string) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (quiet && level === 'info') return;
    process.stderr.write(JSON.stringify({ at: new Date().toISOString(), level, msg, ...fields }) + '\n');
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export function defaultContext(db: Db, overrides: Partial<ServiceContext> = {}): ServiceContext {
  return {
    db,
    storeFor: async (orgId) => demoStore(db, orgId),
    env: { killSwitch: false },
    now: () => new Date(),
    log: jsonLogger(true),
    ...overrides,
  };
}
