/**
 * The bench's ingest client, in a worker thread: contractors' systems are other machines, so the
 * server's thread should not also carry the client's work (making requests, writing the bodies
 * into the socket — while the server computes, a client in its own thread can go on sending the
 * next body). Sends n records of one kind in full batches of 5,000 per county, two requests in
 * flight, and times only the sending: each slice of batches is made before its clock starts.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ProvinceRows } from "./operations-rows";

export type IngestClientJob = {
  url: string;
  kind: "orders" | "uptime";
  counties: string[];
  scale: number;
  tokens: Record<string, string>;
};
export type IngestClientResult = { ms: number; accepted: number; records: number };

const BATCH = 5000;
const SLICE = 500_000;

async function run(job: IngestClientJob): Promise<IngestClientResult> {
  const rows = new ProvinceRows(job.counties, job.scale);
  const n = job.kind === "orders" ? rows.orders : rows.deviceDays;
  const at = (i: number) => (job.kind === "orders" ? rows.orderRecord(i) : rows.uptimeRecord(i));
  let accepted = 0;
  const send = async ({ county, body }: { county: string; body: string }) => {
    const res = await fetch(`${job.url}/api/v1/ingest/${job.kind}`, {
      method: "POST",
      headers: { authorization: `Bearer ${job.tokens[county]}`, "content-type": "application/json" },
      body,
    });
    const json = (await res.json()) as { accepted?: number; rejected?: unknown[] };
    if (res.status !== 200 || json.rejected?.length)
      throw new Error(`ingest failed: ${JSON.stringify(json).slice(0, 300)}`);
    accepted += json.accepted ?? 0;
  };
  const queues = new Map<string, unknown[]>(job.counties.map((c) => [c, []]));
  let ms = 0;
  for (let start = 0; start < n; start += SLICE) {
    const batches: { county: string; body: string }[] = [];
    for (let i = start; i < Math.min(n, start + SLICE); i++) {
      const { county, record } = at(i);
      const queue = queues.get(county)!;
      queue.push(record);
      if (queue.length === BATCH) {
        batches.push({ county, body: JSON.stringify(queue) });
        queues.set(county, []);
      }
    }
    if (start + SLICE >= n)
      for (const [county, queue] of queues)
        if (queue.length) batches.push({ county, body: JSON.stringify(queue) });
    const t0 = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < batches.length) await send(batches[next++]!);
    };
    await Promise.all([worker(), worker()]);
    ms += performance.now() - t0;
  }
  return { ms, accepted, records: n };
}

if (parentPort && workerData) {
  const port = parentPort;
  run(workerData as IngestClientJob).then(
    (result) => port.postMessage({ ok: true, result }),
    (error: Error) => port.postMessage({ ok: false, error: error.stack ?? String(error) }),
  );
}
