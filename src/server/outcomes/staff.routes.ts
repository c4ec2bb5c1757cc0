/**
 * Staff of the center, warehouses and stations (rule K5: 优先录用贫困人员): the roster with the
 * share of registered poor staff per facility and for the county. A person id that is an ID-card
 * number is stored only as its keyed hash (as the training roster, upward/person-pseudonym.ts).
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { FACILITY_KINDS, poorStaffShareBp, staffDatesProblem } from "../../rules/outcomes";
import { countyExists } from "../counties";
import { requireAdminister, requireRead } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { badRequest, notFound } from "../platform/http/errors";
import { chinaDate } from "../platform/time/china-time";
import { personIdSecret, pseudonymize } from "../upward";
import { AsOfQuery, CountyParams, IsoDate, keyOf, Text } from "./outcomes.schema";
import type { FacilityStaffTable, OutcomesTables } from "./outcomes.tables";
import { addStaff, deleteStaff, presentStaff, type StaffInput, updateStaff } from "./save-facility-staff";

const StaffFields = {
  facilityKind: keyOf(FACILITY_KINDS),
  facilityCode: Text(40),
  role: Text(50),
  startedOn: IsoDate,
  endedOn: IsoDate.nullable().default(null),
  isPoor: z.boolean(),
};
const StaffBody = z.object({ ...StaffFields, personId: Text(64) });
/** On a change the person id may be left out (it is never shown, so the form cannot prefill it). */
const StaffChangeBody = z.object({ ...StaffFields, personId: z.string().trim().max(64).optional() });
const StaffItem = z.object(StaffFields).extend({
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
  const person = async (personId: string) => {
    const result = pseudonymize(await personIdSecret(db.db), personId);
    if (!result.ok) {
      throw badRequest("invalid_person_id", result.reason, [{ path: "personId", message: result.reason.zh }]);
    }
    return { key: result.key, label: result.label };
  };
  const checkDates = (b: { startedOn: string; endedOn: string | null }) => {
    const problem = staffDatesProblem(b);
    if (problem) {
      throw badRequest("validation_failed", { zh: problem.zh, en: problem.en }, [
        { path: problem.path, message: problem.zh },
      ]);
    }
  };
  const input = ({ personId: _id, ...rest }: z.infer<typeof StaffChangeBody>): StaffInput => rest;
  const itemOf = (row: FacilityStaffTable) => {
    const v = presentStaff(row);
    return { ...v, facilityKind: v.facilityKind as keyof typeof FACILITY_KINDS };
  };

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
      const items = rows.map(itemOf);
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
        summary: "登记从业人员（人员编号只存加密摘要或原编号，身份证号不存明文）",
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
      checkDates(request.body);
      const who = await person(request.body.personId);
      const row = await db.db
        .transaction()
        .execute((trx) =>
          addStaff(trx, code, input(request.body), who, { id: principal.id, name: principal.username }),
        );
      return reply.status(201).send(itemOf(row));
    },
  );

  api.put(
    `${base}/:id`,
    {
      schema: {
        tags: ["outcomes"],
        summary: "修改从业人员记录（人员编号留空则不变）",
        params: CountyParams.extend({ id: z.uuid() }),
        body: StaffChangeBody,
        response: { 200: StaffItem },
      },
      config: { access: "county_admin" },
    },
    async (request) => {
      const principal = requireAdminister(request, request.params.code);
      const { code, id } = request.params;
      checkDates(request.body);
      const who = request.body.personId ? await person(request.body.personId) : undefined;
      const row = await db.db.transaction().execute((trx) =>
        updateStaff(trx, code, id, input(request.body), who, {
          id: principal.id,
          name: principal.username,
        }),
      );
      return itemOf(row);
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
      await db.db
        .transaction()
        .execute((trx) => deleteStaff(trx, code, id, { id: principal.id, name: principal.username }));
      return reply.status(204).send();
    },
  );
}
