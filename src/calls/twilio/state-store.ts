// Where a call's state lives between webhook requests. Small on purpose, so the service can back it with
// its database; the in-memory one serves tests and a single process.
import type { CallState } from '../engine.ts';

export interface CallStateStore {
  get(callSid: string): Promise<CallState | null>;
  set(callSid: string, state: CallState): Promise<void>;
  delete(callSid: string): Promise<void>;
}

/** Calls are kept for `ttlMs` after their last turn (a dropped webhook must not keep state forever). */
export function createMemoryStateStore({ ttlMs = 2 * 60 * 60 * 1000, now = () => Date.now() }: { ttlMs?: number; now?: () => number } = {}): CallStateStore {
  const calls = new Map<string, { state: CallState; expires: number }>();
  return {
    async get(callSid) {
      const entry = calls.get(callSid);
      if (!entry) return null;
      if (entry.expires <= now()) {
        calls.delete(callSid);
        return null;
      }
      return structuredClone(entry.state);
    },
    async set(callSid, state) {
      if (calls.size > 10_000) for (const [sid, e] of calls) if (e.expires <= now()) calls.delete(sid);
      calls.set(callSid, { state: structuredClone(state), expires: now() + ttlMs });
    },
    async delete(callSid) {
      calls.delete(callSid);
    },
  };
}
