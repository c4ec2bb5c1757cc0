/**
 * A per-key sliding-window rate limit, in memory (T2 spam protection, sign-in throttling) without a
 * third-party service.
 * Each key keeps the times of its recent hits; a hit is allowed while fewer than `limit` fall in the
 * last `windowMs`. Being in memory, the limit is per process and resets on restart: enough to stop a
 * script hammering one server; a cluster would share it through the database or a proxy instead.
 * Keys are bounded (`maxKeys`): the least recently seen keys are dropped first.
 */
export type RateLimitDecision = { allowed: boolean; retryAfterMs: number; remaining: number };

export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  hit(key: string, now: number = Date.now()): RateLimitDecision {
    const since = now - this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    this.hits.delete(key); // re-inserted below: Map order is recency order
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return { allowed: false, retryAfterMs: recent[0]! + this.windowMs - now, remaining: 0 };
    }
    recent.push(now);
    this.hits.set(key, recent);
    while (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
    return { allowed: true, retryAfterMs: 0, remaining: this.limit - recent.length };
  }
}
