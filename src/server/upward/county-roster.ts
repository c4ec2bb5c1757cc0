/**
 * A county roster as an API resource: list, create, update, delete and .xlsx export of one
 * county-owned table, each route validated with Zod, scoped to the :code county and audited in
 * the write's transaction. The catalogue, incubation and traceability rosters are declared with it.
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import { countyExists } from "../counties";
import { recordAudit } from "../platform/audit/audit";
import { requireAdminister, requireRead } from "../platform/auth/http-auth";
import type { Db } from "../platform/db/database";
import { AppError, notFound } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";
import { type ExportColumn, rosterWorkbook, sendXlsx } from "./roster-export";
import type { UpwardTables } from "./upward.tables";

type Row = Record<string, unknown> & { id: string; county_code: string; is_demo: number };

export type RosterSpec<
  Body extends z.ZodObject,
  Item extends z.ZodObject,
  Table extends string = keyof UpwardTables,
> = {
  /** URL segment under /api/v1/counties/:code/ (e.g. `brands`, `trace/enterprises`). */
  path: string;
  /** The county-owned table (another domain's rosters name their own tables). */
  table: Table;
  /** Audit entity name, e.g. `brand`. */
  entity: string;
  tag: string;
  /** What one row is, in both languages (for summaries and not-found messages). */
  noun: { zh: string; en: string };
  body: Body;
  item: Item;
  /** Columns written from a validated body (id, county, demo flag and timestamps are added). */
  toColumns(body: z.infer<Body>): Record<string, unknown>;
  toItem(row: Row): z.infer<Item>;
  orderBy: string;
  /** Checks that what the body refers to belongs to the county; throws AppError. */
  check?(db: Kysely<any>, countyCode: string, body: z.infer<Body>): Promise<void>;
  /** Why a row may not be deleted (something refers to it), or undefined. */
  inUse?(db: Kysely<any>, countyCode: string, id: string): Promise<{ zh: string; en: string } | undefined>;
  /** Adds what other tables of the domain hold to the listed items (e.g. an inspection's photos). */
  decorate?(
    db: Kysely<any>,
    countyCode: string,
    items: (z.infer<Item> & { id: string; isDemo: boolean })[],
  ): Promise<(z.infer<Item> & { id: string; isDemo: boolean })[]>;
  /**
   * Deletes what hangs on a row, in the delete's transaction; may return work to do once that
   * transaction has committed (e.g. removing the row's files from the store).
   */
  cascade?(db: Kysely<any>, countyCode: string, id: string): Promise<(() => Promise<void>) | undefined>;
  export: { fileName: string; columns: ExportColumn<z.infer<Item>>[] };
};

const Params = z.object({ code: z.string().regex(/^\d{6}$/) });
const ItemParams = Params.extend({ id: z.uuid() });

/** Loads a row of the county or answers 404 (a row of another county is not found either). */
async function findRow(
  db: Kysely<any>,
  table: string,
  countyCode: string,
  id: string,
  noun: { zh: string; en: string },
) {
  const row = (await db
    .selectFrom(table)
    .selectAll()
    .where("id", "=", id)
    .where("county_code", "=", countyCode)
    .executeTakeFirst()) as Row | undefined;
  if (!row) throw notFound(noun);
  return row;
}

export function registerRoster<
  Body extends z.ZodObject,
  Item extends z.ZodObject,
  Table extends string = keyof UpwardTables,
>(app: FastifyInstance, { db }: { db: Db }, spec: RosterSpec<Body, Item, Table>): void {
  const table: string = spec.table;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const base = `/api/v1/counties/:code/${spec.path}`;
  const kdb = () => db.db.withTables<UpwardTables>() as unknown as Kysely<any>;
  const withDemo = spec.item.extend({ id: z.string(), isDemo: z.boolean() });
  const present = (row: Row) => ({ ...spec.toItem(row), id: row.id, isDemo: row.is_demo === 1 });
  const ensureCounty = async (code: string) => {
    if (!(await countyExists(db.db, code))) throw notFound({ zh: "该示范县", en: "Demonstration county" });
  };
  const list = async (code: string) => {
    const items = (
      (await kdb()
        .selectFrom(table)
        .selectAll()
        .where("county_code", "=", code)
        .orderBy(spec.orderBy)
        .orderBy("id")
        .execute()) as Row[]
    ).map(present);
    return spec.decorate ? spec.decorate(kdb(), code, items) : items;
  };

  api.get(
    base,
    {
      schema: {
        tags: [spec.tag],
        summary: `${spec.noun.zh}名册`,
        params: Params,
        response: { 200: z.object({ items: z.array(withDemo) }) },
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      await ensureCounty(request.params.code);
      return { items: await list(request.params.code) } as never;
    },
  );

  api.get(
    `${base}.xlsx`,
    {
      schema: { tags: [spec.tag], summary: `导出${spec.noun.zh}名册（.xlsx）`, params: Params },
      config: { access: "region" },
    },
    async (request, reply) => {
      requireRead(request, request.params.code);
      await ensureCounty(request.params.code);
      const items = (await list(request.params.code)) as z.infer<Item>[];
      const columns = [
        ...spec.export.columns,
        { header: "演示数据", value: (i: any) => (i.isDemo ? "是" : "否") },
      ];
      return sendXlsx(
        reply,
        `${request.params.code}-${spec.export.fileName}.xlsx`,
        await rosterWorkbook(spec.export.fileName, columns, items),
      );
    },
  );

  api.post(
    base,
    {
      schema: {
        tags: [spec.tag],
        summary: `登记${spec.noun.zh}`,
        params: Params,
        body: spec.body,
        response: { 201: withDemo },
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const principal = requireAdminister(request, request.params.code);
      const { code } = request.params;
      await ensureCounty(code);
      const body = request.body as z.infer<Body>;
      const now = chinaTimestamp();
      const row = await db.db.transaction().execute(async (trx) => {
        const t = trx.withTables<UpwardTables>() as unknown as Kysely<any>;
        await spec.check?.(t, code, body);
        const values = {
          id: randomUUID(),
          county_code: code,
          ...spec.toColumns(body),
          is_demo: 0,
          created_at: now,
          updated_at: now,
        };
        await t.insertInto(table).values(values).execute();
        await recordAudit(
          trx,
          { id: principal.id, name: principal.username },
          {
            action: `${spec.entity}.created`,
            entity: spec.entity,
            entityId: values.id,
            countyCode: code,
            after: spec.toColumns(body),
          },
        );
        return values as unknown as Row;
      });
      return reply.status(201).send(present(row) as never);
    },
  );

  api.put(
    `${base}/:id`,
    {
      schema: {
        tags: [spec.tag],
        summary: `修改${spec.noun.zh}`,
        params: ItemParams,
        body: spec.body,
        response: { 200: withDemo },
      },
      config: { access: "county_admin" },
    },
    async (request) => {
      const principal = requireAdminister(request, request.params.code);
      const { code, id } = request.params;
      const body = request.body as z.infer<Body>;
      const row = await db.db.transaction().execute(async (trx) => {
        const t = trx.withTables<UpwardTables>() as unknown as Kysely<any>;
        const before = await findRow(t, table, code, id, spec.noun);
        await spec.check?.(t, code, body);
        const columns = spec.toColumns(body);
        await t
          .updateTable(table)
          .set({ ...columns, updated_at: chinaTimestamp() })
          .where("id", "=", id)
          .where("county_code", "=", code)
          .execute();
        await recordAudit(
          trx,
          { id: principal.id, name: principal.username },
          {
            action: `${spec.entity}.updated`,
            entity: spec.entity,
            entityId: id,
            countyCode: code,
            before: Object.fromEntries(Object.keys(columns).map((k) => [k, before[k]])),
            after: columns,
          },
        );
        return { ...before, ...columns } as Row;
      });
      return present(row) as never;
    },
  );

  api.delete(
    `${base}/:id`,
    {
      schema: { tags: [spec.tag], summary: `删除${spec.noun.zh}`, params: ItemParams },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const principal = requireAdminister(request, request.params.code);
      const { code, id } = request.params;
      const afterCommit = await db.db.transaction().execute(async (trx) => {
        const t = trx.withTables<UpwardTables>() as unknown as Kysely<any>;
        const before = await findRow(t, table, code, id, spec.noun);
        const reason = await spec.inUse?.(t, code, id);
        if (reason) throw new AppError(409, "in_use", reason);
        const cleanup = await spec.cascade?.(t, code, id);
        await t.deleteFrom(table).where("id", "=", id).where("county_code", "=", code).execute();
        await recordAudit(
          trx,
          { id: principal.id, name: principal.username },
          {
            action: `${spec.entity}.deleted`,
            entity: spec.entity,
            entityId: id,
            countyCode: code,
            before,
          },
        );
        return cleanup;
      });
      await afterCommit?.();
      return reply.status(204).send();
    },
  );
}

/** A reference check: the row `id` of `table` belongs to the county, else 400 with the field named. */
export async function assertInCounty(
  db: Kysely<any>,
  table: keyof UpwardTables,
  countyCode: string,
  id: string,
  field: string,
  noun: { zh: string; en: string },
): Promise<void> {
  const row = await db
    .selectFrom(table)
    .select("id")
    .where("id", "=", id)
    .where("county_code", "=", countyCode)
    .executeTakeFirst();
  if (!row) {
    throw new AppError(
      400,
      "unknown_reference",
      { zh: `本县没有该${noun.zh}`, en: `No such ${noun.en} in this county` },
      [{ path: field, message: `${noun.zh}不存在或不属于本县` }],
    );
  }
}
