/**
 * Staff of the center, warehouses and stations (rule K5: 优先录用贫困人员): the roster with the
 * share of registered poor staff per facility and for the county. A person id that is an ID-card
 * number is stored only as its keyed hash (as the training roster, upward/person-pseudonym.ts).
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { FACILITY_KINDS, poorStaffShareBp } from "../../rules/outcomes";
import { countyExists } from "../counties/counties.repository";
import { recordAudit } from "../platform/audit/audit";
import { requireAdminister, requireRead } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { badRequest, notFound } from "../platform/http/errors";
import { chinaDate, chinaTimestamp } from "../platform/time/china-time";
import { personIdSecret, pseudonymize } from "../upward/person-pseudonym";
import { AsOfQuery, CountyParams, IsoDate, keyOf, Text } from "./outcomes.schema";
import type { OutcomesTables } from "./outcomes.tables";

const StaffBody = z.object({
  facilityKind: keyOf(FACILITY_KINDS),
  facilityCode: Text(40),
  personId: Text(64),
  role: Text(50),
  startedOn: IsoDate,
  endedOn: IsoDate.nullable().default(null),
  isPoor: z.boolean(),
});
const StaffItem = StaffBody.omit({ personId: true }).extend({
  id: z.string(),
  personLabel: z.string(),
  isDemo: z.boolean(),
});
const Share = z.object({
  staff: z.number().int(),
  poorStaff: z.number().int(),
  poorShareBp: z.number().int(),
});

export async function staffRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const base = "/api/v1/counties/:code/outcomes/staff";

  api.get(
    base,
    {
      schema: {
        tags: ["outcomes"],
        summary: "服务中心、仓储、站点从业人员及贫困人员占比（K5）",
        params: CountyParams,
        querystring: AsOfQuery,
        response: {
          200: z.object({
            asOf: z.string(),
            items: z.array(StaffItem),
            county: Share,
            facilities: z.array(Share.extend({ facilityKind: z.string(), facilityCode: z.string() })),
          }),
        },
      },
      config: { access: "region" },
    },
    async (request) => {
      const { code } = request.params;
      requireRead(request, code);
      if (!(await countyExists(db.db, code))) throw notFound({ zh: "该示范县", en: "Demonstration county" });
      const asOf = request.query.asOf ?? chinaDate();
      const rows = await db.db
        .withTables<OutcomesTables>()
        .selectFrom("facility_staff")
        .selectAll()
        .where("county_code", "=", code)
        .orderBy("facility_kind")
        .orderBy("facility_code")
        .orderBy("started_on")
        .execute();
      const items = rows.map((r) => ({
        id: r.id,
        facilityKind: r.facility_kind as keyof typeof FACILITY_KINDS,
        facilityCode: r.facility_code,
        personLabel: r.person_label,
        role: r.role,
        startedOn: r.started_on,
        endedOn: r.ended_on,
        isPoor: Number(r.is_poor) === 1,
        isDemo: Number(r.is_demo) === 1,
      }));
      // Shares count the staff employed on the as-of date.
      const current = items.filter((i) => i.startedOn <= asOf && (!i.endedOn || i.endedOn > asOf));
      const byFacility = new Map<string, typeof current>();
      for (const i of current) {
        const key = `${i.facilityKind}\u0001${i.facilityCode}`;
        byFacility.set(key, [...(byFacility.get(key) ?? []), i]);
      }
      const share = (list: typeof current) => {
        const poorStaff = list.filter((i) => i.isPoor).length;
        return { staff: list.length, poorStaff, poorShareBp: poorStaffShareBp(list.length, poorStaff) };
      };
      return {
        asOf,
        items,
        county: share(current),
        facilities: [...byFacility.values()].map((list) => ({
          facilityKind: list[0]!.facilityKind,
          facilityCode: list[0]!.facilityCode,
          ...share(list),
        })),
      };
    },
  );

  api.post(
    base,
    {
      schema: {
        tags: ["outcomes"],
        summary: "登记从业人员",
        params: CountyParams,
        body: StaffBody,
        response: { 201: StaffItem },
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const principal = requireAdminister(request, request.params.code);
      const { code } = request.params;
      if (!(await countyExists(db.db, code))) throw notFound({ zh: "该示范县", en: "Demonstration county" });
      const b = request.body;
      const person = pseudonymize(await personIdSecret(db.db), b.personId);
      if (!person.ok) {
        throw badRequest("invalid_person_id", person.reason, [
          { path: "personId", message: person.reason.zh },
        ]);
      }
      const now = chinaTimestamp();
      const row = {
        id: randomUUID(),
        county_code: code,
        facility_kind: b.facilityKind,
        facility_code: b.facilityCode,
        person_key: person.key,
        person_label: person.label,
        role: b.role,
        started_on: b.startedOn,
        ended_on: b.endedOn,
        is_poor: b.isPoor ? 1 : 0,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      };
      await db.db.transaction().execute(async (trx) => {
        await trx.withTables<OutcomesTables>().insertInto("facility_staff").values(row).execute();
        const { person_key: _key, ...logged } = row;
        await recordAudit(
          trx,
          { id: principal.id, name: principal.username },
          {
            action: "facility_staff.created",
            entity: "facility_staff",
            entityId: row.id,
            countyCode: code,
            after: logged,
          },
        );
      });
      const { personId: _id, ...rest } = b;
      return reply.status(201).send({ ...rest, id: row.id, personLabel: person.label, isDemo: false });
    },
  );

  api.delete(
    `${base}/:id`,
    {
      schema: {
        tags: ["outcomes"],
        summary: "删除从业人员记录",
        params: CountyParams.extend({ id: z.uuid() }),
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const principal = requireAdminister(request, request.params.code);
      const { code, id } = request.params;
      await db.db.transaction().execute(async (trx) => {
        const t = trx.withTables<OutcomesTables>();
        const before = await t
          .selectFrom("facility_staff")
          .selectAll()
          .where("id", "=", id)
          .where("county_code", "=", code)
          .executeTakeFirst();
        if (!before) throw notFound({ zh: "从业人员记录", en: "Staff record" });
        await t.deleteFrom("facility_staff").where("id", "=", id).execute();
        const { person_key: _key, ...logged } = before;
        await recordAudit(
          trx,
          { id: principal.id, name: principal.username },
          {
            action: "facility_staff.deleted",
            entity: "facility_staff",
            entityId: id,
            countyCode: code,
            before: logged,
          },
        );
      });
      return reply.status(204).send();
    },
  );
}
