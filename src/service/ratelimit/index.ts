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
 * In-process sliding log (one process only). Each key keeps the times of its hits inside the window
 * in arrival order, so expired ones leave from the front: a hit costs O(1) amortised, however
 * high the limit (a filter over the whole log cost O(limit) per request).
 */
export function memoryRateLimiter(now: () => number = Date.now): RateLimiter {
  const hits = new Map<string, { times: number[]; head: number }>();
  let sweeps = 0;
  return {
    async hit(key, limit, windowMs) {
      const t = now();
      const since = t - windowMs;
      if (++sweeps % 1000 === 0) for (const [k, v] of hits) if (v.times.length === 0 || v.times[v.times.length - 1] <= since) hits.delete(k);
      let log = hits.get(key);
      if (!log) hits.set(key, (log = { times: [], head: 0 }));
      const { times } = log;
      while (log.head < times.length && times[log.head] <= since) log.head += 1;
      if (log.head > 1024 && log.head * 2 > times.length) {
        times.splice(0, log.head);
        log.head = 0;
      }
      const count = times.length - log.head;
      if (count >= limit) {
        return { allowed: false, remaining: 0, retryAfterMs: Math.max(1, times[times.length - limit] + windowMs - t) };
      }
      // a clock that stepped back must not break the order the front-expiry relies on
      times.push(Math.max(t, times[times.length - 1] ?? t));
      return { allowed: true, remaining: limit - count - 1, retryAfterMs: 0 };
    },
    async close() {
      hits.clear();
    },
  };
}
