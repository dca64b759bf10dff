export interface RateDecision {
  allowed: boolean;
  /** requests left in the window after this one */
  remaining: number;
  /** when a refused request may retry, in ms */
  retryAfterMs: number;
}

/** A sliding-window limiter: at most `limit` hits per key in any window of `windowMs`. */
export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<RateDecision>;
  close(): Promise<void>;
}

/**
 * In-process sliding log (one process only). Each key keeps the timestamps of its hits inside the
 * window; a ring buffer would be smaller, but limits here are per tenant (hundreds, not millions).
 */
export function memoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const hits = new Map<string, number[]>();
  let sweeps = 0;
  return {
    async hit(key, limit, windowMs) {
      const t = now();
      const list = (hits.get(key) ?? []).filter((at) => at > t - windowMs);
      if (++sweeps % 1000 === 0) for (const [k, v] of hits) if (!v.length || v[v.length - 1] <= t - windowMs) hits.delete(k);
      if (list.length >= limit) {
        hits.set(key, list);
        return { allowed: false, remaining: 0, retryAfterMs: Math.max(1, list[list.length - limit] + windowMs - t) };
      }
      list.push(t);
      hits.set(key, list);
      return { allowed: true, remaining: limit - list.length, retryAfterMs: 0 };
    },
    async close() {
      hits.clear();
    },
  };
}
