/**
 * Which sink approved reports go to, from the environment (so a real endpoint is wired without
 * code changes):
 * - `SHIFAN_REPORT_SINK=file:/var/lib/shifan/outbox` — a drop folder, or
 * - `SHIFAN_REPORT_SINK=https://host/path` — the HTTP sink; `SHIFAN_REPORT_SINK_ATTEMPTS` (default 5)
 *   and `SHIFAN_REPORT_SINK_BACKOFF_MS` (default 1000) tune its retries; `SHIFAN_REPORT_SINK_TOKEN`
 *   is sent as `Authorization: Bearer …` when set.
 * Unset: reports are exported on request only, and nothing is queued.
 */
import { fileSink, httpSink, type ReportSink } from "./report-sink";

export function sinkFromEnvironment(env: NodeJS.ProcessEnv = process.env): ReportSink | null {
  const spec = env.SHIFAN_REPORT_SINK?.trim();
  if (!spec) return null;
  if (spec.startsWith("file:")) return fileSink(spec.slice("file:".length));
  const positive = (text: string | undefined, fallback: number) => {
    const n = Number(text);
    return Number.isSafeInteger(n) && n > 0 ? n : fallback;
  };
  return httpSink({
    url: spec,
    maxAttempts: positive(env.SHIFAN_REPORT_SINK_ATTEMPTS, 5),
    baseDelayMs: positive(env.SHIFAN_REPORT_SINK_BACKOFF_MS, 1000),
    headers: env.SHIFAN_REPORT_SINK_TOKEN
      ? { authorization: `Bearer ${env.SHIFAN_REPORT_SINK_TOKEN}` }
      : undefined,
  });
}
