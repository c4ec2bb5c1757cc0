/** Reads of traceability: batches with their events, sites and upstream (input) batches. */
import type { Kysely } from "kysely";
import type { Database } from "../platform/db/schema";
import type { TraceBatchTable, TraceEventTable, TraceSiteTable, UpwardTables } from "./upward.tables";

/** How far back through input batches a trace follows (raw lot → processed lot → mixed lot). */
const MAX_UPSTREAM_DEPTH = 3;

export type TraceBatchView = TraceBatchTable & { enterprise_name: string; brand_name: string | null };

export type TraceChain = {
  batch: TraceBatchView;
  /** The batch's own events and those of its input batches, each declaration included. */
  events: TraceEventTable[];
  /** Input batches (upstream), by id. */
  inputBatches: Map<string, TraceBatchView>;
  sites: Map<string, TraceSiteTable & { place: string }>;
};

const tables = (kdb: Kysely<Database>) => kdb.withTables<UpwardTables>();

function batchQuery(kdb: Kysely<Database>) {
  return tables(kdb)
    .selectFrom("trace_batches as b")
    .innerJoin("trace_enterprises as e", "e.id", "b.enterprise_id")
    .leftJoin("developed_products as p", "p.id", "b.product_id")
    .leftJoin("brands as br", "br.id", "p.brand_id")
    .selectAll("b")
    .select(["e.name as enterprise_name", "br.name as brand_name"]);
}

export async function findBatchByCode(
  kdb: Kysely<Database>,
  code: string,
): Promise<TraceBatchView | undefined> {
  return batchQuery(kdb).where("b.code", "=", code).executeTakeFirst();
}

export async function findBatch(
  kdb: Kysely<Database>,
  countyCode: string,
  id: string,
): Promise<TraceBatchView | undefined> {
  return batchQuery(kdb).where("b.id", "=", id).where("b.county_code", "=", countyCode).executeTakeFirst();
}

export async function listBatches(kdb: Kysely<Database>, countyCode: string) {
  const rows = await batchQuery(kdb)
    .select((eb) =>
      eb
        .selectFrom("trace_events as ev")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("ev.batch_id", "=", "b.id")
        .where("ev.voids_event_id", "is", null)
        .as("events"),
    )
    .where("b.county_code", "=", countyCode)
    .orderBy("b.created_at", "desc")
    .orderBy("b.id")
    .execute();
  return rows;
}

/** "河北省 邢台市 威县 …镇 …村" for a village-level code, from the region registry. */
async function placeNames(kdb: Kysely<Database>, villageCodes: string[]): Promise<Map<string, string>> {
  const codes = new Set<string>();
  for (const v of villageCodes) for (const n of [2, 4, 6, 9, 12]) codes.add(v.slice(0, n));
  if (!codes.size) return new Map();
  const rows = await kdb
    .selectFrom("regions")
    .select(["code", "name"])
    .where("code", "in", [...codes])
    .execute();
  const names = new Map(rows.map((r) => [r.code, r.name]));
  return new Map(
    villageCodes.map((v) => [
      v,
      [2, 4, 6, 9, 12]
        .map((n) => names.get(v.slice(0, n)))
        .filter(Boolean)
        .join(" "),
    ]),
  );
}

/** The batch, its events and its upstream batches' events, with the sites they happened at. */
export async function loadTraceChain(kdb: Kysely<Database>, batch: TraceBatchView): Promise<TraceChain> {
  const db = tables(kdb);
  const events: TraceEventTable[] = [];
  const inputBatches = new Map<string, TraceBatchView>();
  let frontier = [batch.id];
  const seen = new Set(frontier);
  for (let depth = 0; frontier.length; depth++) {
    const level = await db.selectFrom("trace_events").selectAll().where("batch_id", "in", frontier).execute();
    events.push(...level);
    if (depth === MAX_UPSTREAM_DEPTH) break;
    const next = new Set<string>();
    for (const e of level) {
      if (e.voids_event_id || !e.inputs) continue;
      for (const input of JSON.parse(e.inputs) as { batchId: string }[]) {
        if (!seen.has(input.batchId)) next.add(input.batchId);
      }
    }
    frontier = [...next];
    for (const id of frontier) seen.add(id);
    if (frontier.length) {
      // Inputs are batches of the same county (checked when the event is recorded).
      for (const r of await batchQuery(kdb).where("b.id", "in", frontier).execute())
        inputBatches.set(r.id, r);
    }
  }
  const siteIds = [...new Set(events.map((e) => e.site_id).filter((s): s is string => !!s))];
  const siteRows = siteIds.length
    ? await db.selectFrom("trace_sites").selectAll().where("id", "in", siteIds).execute()
    : [];
  const places = await placeNames(
    kdb,
    siteRows.map((s) => s.village_code).filter((v): v is string => !!v),
  );
  const sites = new Map(
    siteRows.map((s) => [s.id, { ...s, place: s.village_code ? (places.get(s.village_code) ?? "") : "" }]),
  );
  events.sort((a, b) =>
    a.event_time < b.event_time
      ? -1
      : a.event_time > b.event_time
        ? 1
        : a.recorded_at < b.recorded_at
          ? -1
          : 1,
  );
  return { batch, events, inputBatches, sites };
}
