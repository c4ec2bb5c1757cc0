/**
 * 贫困户销售 (rule O9, acceptance D3) as an API resource: the county's months of poor households'
 * online sales, and the form that adds, changes and deletes one (validated, scoped, audited). The
 * workbook's 贫困户销售 sheet writes the same rows in bulk.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { countyExists } from "../counties";
import { requireAdminister, requireRead } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { notFound } from "../platform/http/errors";
import { CountyParams, Fen, Text } from "./outcomes.schema";
import type { OutcomesTables } from "./outcomes.tables";
import {
  addPoorHouseholdSale,
  deletePoorHouseholdSale,
  householdSecret,
  presentSale,
  updatePoorHouseholdSale,
} from "./poor-household-sale-record";

const TAG = "outcomes";
const SaleParams = CountyParams.extend({ id: z.uuid() });
const SaleBody = z.object({
  household: Text(64),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "YYYY-MM"),
  quantity: z.number().int().min(0).max(100_000_000),
  amountFen: Fen,
  incomeGainFen: Fen,
});
/** On a change the household may be left out: a masked ID-card number cannot be typed back. */
const SaleChangeBody = SaleBody.extend({ household: z.string().trim().max(64).optional() });
const SaleItem = z.object({
  id: z.string(),
  household: z.string(),
  month: z.string(),
  quantity: z.number().int(),
  amountFen: z.number().int(),
  incomeGainFen: z.number().int(),
  isDemo: z.boolean(),
});

export async function poorHouseholdSalesRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const base = "/api/v1/counties/:code/outcomes/poor-household-sales";
  const ensureCounty = async (code: string) => {
    if (!(await countyExists(db.db, code))) throw notFound({ zh: "该示范县", en: "Demonstration county" });
  };

  api.get(
    base,
    {
      schema: {
        tags: [TAG],
        summary: "贫困户网络销售：数量、金额、增收（O9）",
        params: CountyParams,
        response: { 200: z.object({ items: z.array(SaleItem) }) },
      },
      config: { access: "region" },
    },
    async (request) => {
      const { code } = request.params;
      requireRead(request, code);
      await ensureCounty(code);
      const rows = await db.db
        .withTables<OutcomesTables>()
        .selectFrom("poor_household_sales")
        .selectAll()
        .where("county_code", "=", code)
        .orderBy("month", "desc")
        .orderBy("household_label")
        .limit(5000)
        .execute();
      return { items: rows.map(presentSale) };
    },
  );

  api.post(
    base,
    {
      schema: {
        tags: [TAG],
        summary: "登记一户一个月的网络销售（户编号须在贫困户名册中）",
        params: CountyParams,
        body: SaleBody,
        response: { 201: SaleItem },
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const principal = requireAdminister(request, request.params.code);
      await ensureCounty(request.params.code);
      // Read before the transaction: on SQLite a first read of it would wait for that connection.
      const secret = await householdSecret(db.db);
      const row = await db.db.transaction().execute((trx) =>
        addPoorHouseholdSale(trx, secret, request.params.code, request.body, {
          id: principal.id,
          name: principal.username,
        }),
      );
      return reply.status(201).send(presentSale(row));
    },
  );

  api.put(
    `${base}/:id`,
    {
      schema: {
        tags: [TAG],
        summary: "修改贫困户销售记录（户编号留空则不变）",
        params: SaleParams,
        body: SaleChangeBody,
        response: { 200: SaleItem },
      },
      config: { access: "county_admin" },
    },
    async (request) => {
      const principal = requireAdminister(request, request.params.code);
      const secret = await householdSecret(db.db);
      const row = await db.db.transaction().execute((trx) =>
        updatePoorHouseholdSale(trx, secret, request.params.code, request.params.id, request.body, {
          id: principal.id,
          name: principal.username,
        }),
      );
      return presentSale(row);
    },
  );

  api.delete(
    `${base}/:id`,
    {
      schema: { tags: [TAG], summary: "删除贫困户销售记录", params: SaleParams },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const principal = requireAdminister(request, request.params.code);
      await db.db.transaction().execute((trx) =>
        deletePoorHouseholdSale(trx, request.params.code, request.params.id, {
          id: principal.id,
          name: principal.username,
        }),
      );
      return reply.status(204).send();
    },
  );
}
