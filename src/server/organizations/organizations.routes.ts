/**
 * Organizations (单位): departments, contractors (承办企业), assessors (第三方机构), training
 * institutions and express companies, each scoped to a region like the accounts that manage them.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isWithin } from "../../rules/regions";
import { recordAudit } from "../platform/audit/audit";
import { requirePrincipal, requireRole } from "../platform/auth/http-auth";
import { newId } from "../platform/auth/sessions";
import type { RouteContext } from "../platform/domain";
import { badRequest, forbidden } from "../platform/http/errors";
import { chinaTimestamp } from "../platform/time/china-time";

export const ORGANIZATION_KINDS = [
  "department",
  "contractor",
  "assessor",
  "training_institution",
  "express_company",
] as const;

const Organization = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  regionCode: z.string(),
  creditCode: z.string().nullable(),
  contact: z.string().nullable(),
  isDemo: z.boolean(),
});

// 统一社会信用代码: 18 characters of digits and upper-case letters (I, O, S, V, Z excluded).
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export async function organizationsRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/organizations",
    {
      schema: {
        tags: ["organizations"],
        summary: "单位列表（本辖区及上级）",
        querystring: z.object({ kind: z.enum(ORGANIZATION_KINDS).optional() }),
        response: { 200: z.array(Organization) },
      },
      config: { access: "authenticated" },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      let query = db.db.selectFrom("organizations").selectAll().orderBy("name");
      if (request.query.kind) query = query.where("kind", "=", request.query.kind);
      const rows = await query.execute();
      // Inside the caller's region, or above it (a province-wide express company serves a county).
      const visible = rows.filter(
        (o) => isWithin(o.region_code, principal.regionCode) || isWithin(principal.regionCode, o.region_code),
      );
      return visible.map((o) => ({
        id: o.id,
        name: o.name,
        kind: o.kind as (typeof ORGANIZATION_KINDS)[number],
        regionCode: o.region_code,
        creditCode: o.credit_code,
        contact: o.contact,
        isDemo: o.is_demo === 1,
      }));
    },
  );

  api.post(
    "/api/v1/organizations",
    {
      schema: {
        tags: ["organizations"],
        summary: "登记单位",
        body: z.object({
          name: z.string().trim().min(2).max(100),
          kind: z.enum(ORGANIZATION_KINDS),
          regionCode: z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/),
          creditCode: z.string().trim().toUpperCase().optional(),
          contact: z.string().trim().max(200).optional(),
        }),
        response: { 201: z.object({ id: z.string() }) },
      },
      config: { access: "admin" },
    },
    async (request, reply) => {
      const principal = requireRole(request, ["province_admin", "county_admin"]);
      const body = request.body;
      if (!isWithin(body.regionCode, principal.regionCode)) throw forbidden();
      if (body.creditCode && !CREDIT_CODE.test(body.creditCode)) {
        throw badRequest("invalid_credit_code", {
          zh: "统一社会信用代码应为18位（数字与大写字母）",
          en: "The unified social credit code has 18 digits or capital letters",
        });
      }
      const region = await db.db
        .selectFrom("regions")
        .select("code")
        .where("code", "=", body.regionCode)
        .executeTakeFirst();
      if (!region)
        throw badRequest("unknown_region", {
          zh: `地区代码 ${body.regionCode} 不存在`,
          en: `Unknown region ${body.regionCode}`,
        });
      const row = {
        id: newId(),
        name: body.name,
        kind: body.kind,
        region_code: body.regionCode,
        credit_code: body.creditCode ?? null,
        contact: body.contact ?? null,
        is_demo: 0,
        created_at: chinaTimestamp(),
      };
      await db.db.transaction().execute(async (trx) => {
        await trx.insertInto("organizations").values(row).execute();
        await recordAudit(
          trx,
          { id: principal.id, name: principal.username },
          {
            action: "organization.created",
            entity: "organization",
            entityId: row.id,
            countyCode: body.regionCode.length === 6 ? body.regionCode : null,
            after: row,
          },
        );
      });
      return reply.status(201).send({ id: row.id });
    },
  );
}
