/**
 * Traceability for the county (rule O7, acceptance B6): enterprises in a traceability system,
 * their sites, production batches and the batches' EPCIS events. The public side is in
 * trace-public.routes.ts.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import { TRACE_STEPS } from "../../rules/upward";
import { countyExists } from "../counties";
import { requireAdminister, requireRead } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { AppError, notFound } from "../platform/http/errors";
import { assertInCounty, registerRoster } from "./county-roster";
import { createTraceBatch } from "./create-trace-batch";
import { recordTraceEvent } from "./record-trace-event";
import { fenToYuanText } from "./roster-export";
import { findBatch, listBatches, loadTraceChain } from "./trace.repository";
import { CountyParams, Fen, IsoDate, OptionalText, Text, TraceUnitKey } from "./upward.schema";
import { voidTraceEvent } from "./void-trace-event";

const TAG = "upward-traceability";
const ENTERPRISE = { zh: "追溯企业", en: "traced enterprise" };
const keys = <T extends Record<string, unknown>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

const EnterpriseBody = z.object({
  name: Text(200),
  creditCode: z
    .string()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, "18位统一社会信用代码")
    .nullable()
    .default(null),
  systemName: Text(100),
  joinedOn: IsoDate,
  salesFen: Fen,
});
const SiteBody = z.object({
  enterpriseId: z.uuid(),
  name: Text(100),
  kind: z.enum(["base", "plant", "warehouse", "other"]),
  villageCode: z
    .string()
    .regex(/^\d{12}$/)
    .nullable()
    .default(null),
});

export const TraceEventBody = z.object({
  step: z.enum(keys(TRACE_STEPS)),
  eventTime: z.iso.datetime({ offset: true }),
  siteId: z.uuid().nullable().default(null),
  quantity: z.number().int().min(0).max(1e12).nullable().default(null),
  unit: TraceUnitKey.nullable().default(null),
  inputs: z
    .array(z.object({ batchId: z.uuid(), quantity: z.number().int().min(0).max(1e12), unit: TraceUnitKey }))
    .max(20)
    .default([]),
  inspection: z
    .object({
      item: Text(100),
      result: z.enum(["pass", "fail"]),
      agency: Text(200),
      reportNo: OptionalText(100),
    })
    .nullable()
    .default(null),
  note: OptionalText(500),
});

const BatchParams = CountyParams.extend({ batchId: z.uuid() });

const EventItem = z.object({
  id: z.string(),
  eventId: z.string(),
  batchId: z.string(),
  step: z.string(),
  eventTime: z.string(),
  siteId: z.string().nullable(),
  quantity: z.number().nullable(),
  unit: z.string().nullable(),
  inputs: z.array(z.object({ batchId: z.string(), quantity: z.number(), unit: z.string() })),
  inspection: z
    .object({ item: z.string(), result: z.enum(["pass", "fail"]), agency: z.string(), reportNo: z.string() })
    .nullable(),
  note: z.string(),
  voidsEventId: z.string().nullable(),
  errorReason: z.string().nullable(),
  voidedBy: z.string().nullable(),
  recordedAt: z.string(),
});

export async function traceRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const { db } = context;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const kdb = db.db;
  const actorOf = (p: { id: string; username: string }) => ({ id: p.id, name: p.username });

  registerRoster(app, context, {
    path: "trace/enterprises",
    table: "trace_enterprises",
    entity: "trace_enterprise",
    tag: TAG,
    noun: ENTERPRISE,
    body: EnterpriseBody,
    item: EnterpriseBody,
    toColumns: (b) => ({
      name: b.name,
      credit_code: b.creditCode,
      system_name: b.systemName,
      joined_on: b.joinedOn,
      sales_fen: b.salesFen,
    }),
    toItem: (r) => ({
      name: r.name as string,
      creditCode: (r.credit_code as string | null) ?? null,
      systemName: r.system_name as string,
      joinedOn: r.joined_on as string,
      salesFen: Number(r.sales_fen),
    }),
    inUse: async (t, code, id) => {
      const used =
        (await t
          .selectFrom("trace_sites")
          .select("id")
          .where("county_code", "=", code)
          .where("enterprise_id", "=", id)
          .executeTakeFirst()) ??
        (await t
          .selectFrom("trace_batches")
          .select("id")
          .where("county_code", "=", code)
          .where("enterprise_id", "=", id)
          .executeTakeFirst());
      return used ? { zh: "该企业已有地点或批次", en: "The enterprise has sites or batches" } : undefined;
    },
    orderBy: "joined_on",
    export: {
      fileName: "追溯企业",
      columns: [
        { header: "企业", value: (i) => i.name, width: 30 },
        { header: "统一社会信用代码", value: (i) => i.creditCode, width: 22 },
        { header: "追溯系统", value: (i) => i.systemName, width: 24 },
        { header: "纳入日期", value: (i) => i.joinedOn },
        { header: "追溯产品年销售额(元)", value: (i) => fenToYuanText(i.salesFen) },
      ],
    },
  });

  registerRoster(app, context, {
    path: "trace/sites",
    table: "trace_sites",
    entity: "trace_site",
    tag: TAG,
    noun: { zh: "追溯地点", en: "trace site" },
    body: SiteBody,
    item: SiteBody,
    toColumns: (b) => ({
      enterprise_id: b.enterpriseId,
      name: b.name,
      kind: b.kind,
      village_code: b.villageCode,
    }),
    toItem: (r) => ({
      enterpriseId: r.enterprise_id as string,
      name: r.name as string,
      kind: r.kind as "base" | "plant" | "warehouse" | "other",
      villageCode: (r.village_code as string | null) ?? null,
    }),
    check: async (t, code, b) => {
      await assertInCounty(t, "trace_enterprises", code, b.enterpriseId, "enterpriseId", ENTERPRISE);
      if (b.villageCode) await assertVillage(t, code, b.villageCode);
    },
    inUse: async (t, code, id) => {
      const used = await t
        .selectFrom("trace_events")
        .select("id")
        .where("county_code", "=", code)
        .where("site_id", "=", id)
        .executeTakeFirst();
      return used ? { zh: "已有追溯事件发生在该地点", en: "Events took place at this site" } : undefined;
    },
    orderBy: "name",
    export: {
      fileName: "追溯地点",
      columns: [
        { header: "地点", value: (i) => i.name, width: 24 },
        {
          header: "类型",
          value: (i) => ({ base: "基地", plant: "加工厂", warehouse: "仓库", other: "其他" })[i.kind],
        },
        { header: "村代码", value: (i) => i.villageCode, width: 16 },
        { header: "企业编号", value: (i) => i.enterpriseId, width: 38 },
      ],
    },
  });

  const BatchItem = z.object({
    id: z.string(),
    code: z.string(),
    enterpriseId: z.string(),
    enterpriseName: z.string(),
    productId: z.string().nullable(),
    productName: z.string(),
    lot: z.string(),
    quantity: z.number(),
    unit: z.string(),
    events: z.number().int(),
    isDemo: z.boolean(),
    createdAt: z.string(),
  });

  api.get(
    "/api/v1/counties/:code/trace/batches",
    {
      schema: {
        tags: [TAG],
        summary: "追溯批次",
        params: CountyParams,
        response: { 200: z.object({ items: z.array(BatchItem) }) },
      },
      config: { access: "region" },
    },
    async (request) => {
      const { code } = request.params;
      requireRead(request, code);
      if (!(await countyExists(kdb, code))) throw notFound({ zh: "该示范县", en: "Demonstration county" });
      const rows = await listBatches(kdb, code);
      return {
        items: rows.map((b) => ({
          id: b.id,
          code: b.code,
          enterpriseId: b.enterprise_id,
          enterpriseName: b.enterprise_name,
          productId: b.product_id,
          productName: b.product_name,
          lot: b.lot,
          quantity: Number(b.quantity),
          unit: b.unit,
          events: Number(b.events ?? 0),
          isDemo: b.is_demo === 1,
          createdAt: b.created_at,
        })),
      };
    },
  );

  api.post(
    "/api/v1/counties/:code/trace/batches",
    {
      schema: {
        tags: [TAG],
        summary: "登记追溯批次（生成追溯码）",
        params: CountyParams,
        body: z.object({
          enterpriseId: z.uuid(),
          productId: z.uuid().nullable().default(null),
          productName: Text(100),
          lot: Text(60),
          quantity: z.number().int().min(0).max(1e12),
          unit: TraceUnitKey,
        }),
        response: { 201: z.object({ id: z.string(), code: z.string() }) },
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const { code } = request.params;
      const principal = requireAdminister(request, code);
      const created = await createTraceBatch({
        db: kdb,
        actor: actorOf(principal),
        countyCode: code,
        batch: request.body,
      });
      return reply.status(201).send(created);
    },
  );

  api.get(
    "/api/v1/counties/:code/trace/batches/:batchId",
    {
      schema: {
        tags: [TAG],
        summary: "追溯批次及其全部事件（含作废与更正）",
        params: BatchParams,
        response: { 200: z.object({ batch: BatchItem.omit({ events: true }), events: z.array(EventItem) }) },
      },
      config: { access: "region" },
    },
    async (request) => {
      const { code, batchId } = request.params;
      requireRead(request, code);
      const batch = await findBatch(kdb, code, batchId);
      if (!batch) throw notFound({ zh: "该追溯批次", en: "Trace batch" });
      const chain = await loadTraceChain(kdb, batch);
      const voidedBy = new Map(
        chain.events.filter((e) => e.voids_event_id).map((e) => [e.voids_event_id!, e.id]),
      );
      return {
        batch: {
          id: batch.id,
          code: batch.code,
          enterpriseId: batch.enterprise_id,
          enterpriseName: batch.enterprise_name,
          productId: batch.product_id,
          productName: batch.product_name,
          lot: batch.lot,
          quantity: Number(batch.quantity),
          unit: batch.unit,
          isDemo: batch.is_demo === 1,
          createdAt: batch.created_at,
        },
        events: chain.events
          .filter((e) => e.batch_id === batch.id)
          .map((e) => ({
            id: e.id,
            eventId: e.epcis_event_id,
            batchId: e.batch_id,
            step: e.step,
            eventTime: e.event_time,
            siteId: e.site_id,
            quantity: e.quantity === null ? null : Number(e.quantity),
            unit: e.unit,
            inputs: e.inputs ? JSON.parse(e.inputs) : [],
            inspection: e.inspection ? JSON.parse(e.inspection) : null,
            note: e.note,
            voidsEventId: e.voids_event_id,
            errorReason: e.error_reason,
            voidedBy: voidedBy.get(e.id) ?? null,
            recordedAt: e.recorded_at,
          })),
      };
    },
  );

  api.post(
    "/api/v1/counties/:code/trace/batches/:batchId/events",
    {
      schema: {
        tags: [TAG],
        summary: "追加追溯事件（EPCIS 2.0：种植、采收、检测、加工、包装、发货、收货）",
        params: BatchParams,
        body: TraceEventBody,
        response: { 201: z.object({ id: z.string(), eventId: z.string() }) },
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const { code, batchId } = request.params;
      const principal = requireAdminister(request, code);
      const created = await recordTraceEvent({
        db: kdb,
        actor: actorOf(principal),
        countyCode: code,
        batchId,
        event: request.body,
      });
      return reply.status(201).send(created);
    },
  );

  api.post(
    "/api/v1/counties/:code/trace/batches/:batchId/events/:eventId/void",
    {
      schema: {
        tags: [TAG],
        summary: "作废一条追溯事件（EPCIS 错误声明），可同时追加更正事件",
        params: BatchParams.extend({ eventId: z.uuid() }),
        body: z.object({
          reason: z.enum(["did_not_occur", "incorrect_data"]),
          explanation: OptionalText(500),
          correction: TraceEventBody.nullable().default(null),
        }),
        response: { 201: z.object({ declarationId: z.string(), correctiveId: z.string().nullable() }) },
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const { code, batchId, eventId } = request.params;
      const principal = requireAdminister(request, code);
      const result = await voidTraceEvent({
        db: kdb,
        actor: actorOf(principal),
        countyCode: code,
        batchId,
        eventId,
        ...request.body,
      });
      return reply.status(201).send(result);
    },
  );
}

async function assertVillage(t: Kysely<any>, countyCode: string, villageCode: string): Promise<void> {
  const village = await t
    .selectFrom("regions")
    .select("code")
    .where("code", "=", villageCode)
    .where("level", "=", "village")
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  if (!village) {
    throw new AppError(
      400,
      "unknown_reference",
      { zh: "该村不属于本县", en: "No such village in this county" },
      [{ path: "villageCode", message: "村代码不属于本县" }],
    );
  }
}
