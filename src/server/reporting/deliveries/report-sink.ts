/**
 * Outbound adapters for approved reports (R2): the ministry system is reached through a
 * `ReportSink`, so a real endpoint is wired by configuration (see report-sink-config.ts), not code.
 * - FileSink writes one JSON file per idempotency key into a directory (a drop folder).
 * - HttpSink POSTs the JSON envelope with an `Idempotency-Key` header, retrying network errors,
 *   408, 429 and 5xx with exponential backoff (base × 2^(attempt−1)); other 4xx are final.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ReportEnvelope } from "../reports/report-export";

export type DeliveryOutcome = {
  ok: boolean;
  /** Attempts made in this call. */
  attempts: number;
  httpStatus: number | null;
  error: string | null;
};

export type ReportSink = {
  kind: "file" | "http";
  /** The directory or URL, recorded in the delivery log. */
  target: string;
  deliver(envelope: ReportEnvelope, idempotencyKey: string): Promise<DeliveryOutcome>;
};

/** Writes `<dir>/<key>.json` atomically (temporary file, then rename); an existing key is a success. */
export function fileSink(directory: string): ReportSink {
  const dir = resolve(directory);
  return {
    kind: "file",
    target: dir,
    async deliver(envelope, key) {
      if (!/^[0-9a-f]{64}$/.test(key))
        return { ok: false, attempts: 1, httpStatus: null, error: "bad idempotency key" };
      try {
        mkdirSync(dir, { recursive: true });
        const path = join(dir, `${key}.json`);
        if (!existsSync(path)) {
          const tmp = `${path}.${process.pid}.tmp`;
          writeFileSync(tmp, `${JSON.stringify(envelope, null, 2)}\n`);
          renameSync(tmp, path);
        }
        return { ok: true, attempts: 1, httpStatus: null, error: null };
      } catch (e) {
        return { ok: false, attempts: 1, httpStatus: null, error: (e as Error).message };
      }
    },
  };
}

export type HttpSinkOptions = {
  url: string;
  /** Attempts per delivery, the first included (default 5). */
  maxAttempts?: number;
  /** Delay before the 2nd attempt; doubled for each further one (default 1000 ms). */
  baseDelayMs?: number;
  /** Per-attempt timeout (default 10 s). */
  timeoutMs?: number;
  /** Extra headers, e.g. an API token of the receiving system. */
  headers?: Record<string, string>;
  /** For tests: how to wait. */
  sleep?: (ms: number) => Promise<void>;
};

const RETRYABLE = (status: number) => status === 408 || status === 429 || status >= 500;

/** The delays between attempts: base, 2·base, 4·base … (exported for the documentation test). */
export function backoffDelays(maxAttempts: number, baseDelayMs: number): number[] {
  return Array.from({ length: Math.max(0, maxAttempts - 1) }, (_, i) => baseDelayMs * 2 ** i);
}

export function httpSink(options: HttpSinkOptions): ReportSink {
  const url = new URL(options.url);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Error(`report sink URL must be http(s): ${options.url}`);
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const delays = backoffDelays(maxAttempts, options.baseDelayMs ?? 1000);
  const timeoutMs = options.timeoutMs ?? 10_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  return {
    kind: "http",
    target: url.toString(),
    async deliver(envelope, key) {
      const body = JSON.stringify(envelope);
      let last: DeliveryOutcome = { ok: false, attempts: 0, httpStatus: null, error: null };
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        if (attempt > 1) await sleep(delays[attempt - 2]!);
        try {
          const res = await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json", "idempotency-key": key, ...options.headers },
            body,
            signal: AbortSignal.timeout(timeoutMs),
          });
          // The body is read and dropped so the connection is released.
          await res.arrayBuffer().catch(() => undefined);
          if (res.ok) return { ok: true, attempts: attempt, httpStatus: res.status, error: null };
          last = { ok: false, attempts: attempt, httpStatus: res.status, error: `HTTP ${res.status}` };
          if (!RETRYABLE(res.status)) return last;
        } catch (e) {
          last = { ok: false, attempts: attempt, httpStatus: null, error: (e as Error).message };
        }
      }
      return last;
    },
  };
}
