/**
 * Sends the queue when the network allows. A record leaves the queue only on the server's answer
 * about it: synced (stored now, or already stored by an earlier try whose answer was lost) or a
 * problem kept for the manager to read. A lost answer leaves the queue as it was, and the next try
 * sends the same records with the same ids, which the server counts once.
 */
import { Refused, type SyncBody, sendRecords } from "./api";
import { addProblem, dequeue, type Problem, queued } from "./store";

export type SyncResult =
  | { kind: "done"; synced: number; problems: number }
  | { kind: "offline" }
  | { kind: "refused"; status: number; message: string };

let running: Promise<SyncResult> | undefined;

export function syncNow(): Promise<SyncResult> {
  running ??= syncOnce().finally(() => {
    running = undefined;
  });
  return running;
}

/** Records per request: well inside the server's limits after days offline; the rest follow. */
const BATCH = 500;

async function syncOnce(): Promise<SyncResult> {
  let total: SyncResult = { kind: "done", synced: 0, problems: 0 };
  for (;;) {
    const batch = await syncBatch();
    if (batch.kind !== "done") return batch;
    total = { kind: "done", synced: total.synced + batch.synced, problems: total.problems + batch.problems };
    if (batch.synced + batch.problems < BATCH) return total;
  }
}

async function syncBatch(): Promise<SyncResult> {
  const all = await queued();
  // Oldest first, so a long queue drains in the order it was recorded.
  const records = all.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).slice(0, BATCH);
  if (!records.length) return { kind: "done", synced: 0, problems: 0 };
  const body: SyncBody = { orders: [], parcels: [], days: [] };
  for (const r of records) {
    if (r.type === "order") body.orders.push({ sourceId: r.sourceId, ...r.data });
    else if (r.type === "parcel") body.parcels.push({ sourceId: r.sourceId, ...r.data });
    else body.days.push({ sourceId: r.sourceId, ...r.data });
  }
  let answer: Awaited<ReturnType<typeof sendRecords>>;
  try {
    answer = await sendRecords(body);
  } catch (error) {
    if (error instanceof Refused) return { kind: "refused", status: error.status, message: error.message };
    return { kind: "offline" };
  }
  const byId = new Map(records.map((r) => [r.sourceId, r]));
  let synced = 0;
  let problems = 0;
  for (const outcome of answer.outcomes) {
    const record = byId.get(outcome.sourceId);
    if (!record) continue;
    if (outcome.status !== "synced") {
      const problem: Problem = {
        sourceId: outcome.sourceId,
        record,
        status: outcome.status,
        message: outcome.message ?? "未计入",
      };
      await addProblem(problem);
      problems++;
    } else synced++;
    await dequeue(outcome.sourceId);
  }
  return { kind: "done", synced, problems };
}
