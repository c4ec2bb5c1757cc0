/**
 * Training, poor households and after-training service (rules G4, O8, O9; acceptance B7, B8, D3).
 * Attendances and households come from the workbook (培训, 贫困户); these routes read them, add
 * course details, remove a mistaken row and record follow-up. Person ids appear only masked.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  FOLLOWUP_KINDS,
  type FollowupKind,
  followupStatistics,
  poorHouseholdTraining,
  TRAINING_AUDIENCES,
  TRAINING_CATEGORIES,
  trainingVolume,
} from "../../rules/upward";
import { countyExists } from "../counties";
import { requireAdminister, requireRead } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { notFound } from "../platform/http/errors";
import { chinaDate } from "../platform/time/china-time";
import { recordFollowup } from "./record-followup";
import { removeAttendance } from "./remove-attendance";
import { rosterWorkbook, sendXlsx } from "./roster-export";
import { saveCourseDetails } from "./save-course-details";
import {
  followupRows,
  householdCoverageByVillage,
  listAttendances,
  listCourses,
  listFollowups,
  listPoorHouseholds,
  trainingByCategory,
} from "./training.repository";
import { AsOfQuery, CountyParams, IsoDate, KeySet, OptionalText, Text } from "./upward.schema";
import { upwardFacts } from "./upward-facts";

const TAG = "upward-training";
const keys = <T extends Record<string, unknown>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
const Category = z.enum(keys(TRAINING_CATEGORIES));
const Audience = z.enum(keys(TRAINING_AUDIENCES));
const FollowupKindKey = z.enum(keys(FOLLOWUP_KINDS));
const Paging = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};
const CourseCode = z.string().trim().min(1).max(64);

const CategoryCounts = z.object({
  personTimes: z.number().int(),
  people: z.number().int(),
  poorPersonTimes: z.number().int(),
});

export async function trainingRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const kdb = db.db;
  const ensureCounty = async (code: string) => {
    if (!(await countyExists(kdb, code))) throw notFound({ zh: "该示范县", en: "Demonstration county" });
  };

  api.get(
    "/api/v1/counties/:code/training/summary",
    {
      schema: {
        tags: [TAG],
        summary: "培训人次、人数与贫困户培训率（G4、O8、O9）",
        params: CountyParams,
        querystring: AsOfQuery,
        response: {
          200: z.object({
            asOf: z.string(),
            personTimes: z.number().int(),
            people: z.number().int(),
            byCategory: z.object({ basic: CategoryCounts, value_added: CategoryCounts }),
            volume: z.object({ met: z.boolean(), threshold: z.number().int() }),
            poorHouseholds: z.number().int(),
            poorHouseholdsTrained: z.number().int(),
            poorTrainingRateBp: z.number().int(),
            poorTraining: z.object({ met: z.boolean(), threshold: z.number().int() }),
            traineesFollowedUp: z.number().int(),
            findings: z.array(z.object({ rule: z.string(), zh: z.string(), en: z.string() })),
          }),
        },
      },
      config: { access: "region" },
    },
    async (request) => {
      const { code } = request.params;
      requireRead(request, code);
      await ensureCounty(code);
      const asOf = request.query.asOf ?? chinaDate();
      const facts = await upwardFacts(db, code, asOf);
      const volume = trainingVolume(facts.personTimes);
      const poor = poorHouseholdTraining(facts.poorHouseholds, facts.poorHouseholdsTrained);
      return {
        asOf,
        personTimes: facts.personTimes,
        people: facts.people,
        byCategory: await trainingByCategory(kdb, code, asOf),
        volume: { met: volume.met, threshold: volume.threshold },
        poorHouseholds: facts.poorHouseholds,
        poorHouseholdsTrained: facts.poorHouseholdsTrained,
        poorTrainingRateBp: poor.rateBp,
        poorTraining: { met: poor.met, threshold: poor.threshold },
        traineesFollowedUp: facts.traineesFollowedUp,
        findings: [...volume.findings, ...poor.findings],
      };
    },
  );

  api.get(
    "/api/v1/counties/:code/training/courses",
    {
      schema: {
        tags: [TAG],
        summary: "培训日历：各期培训（编号、类别、日期、人次）",
        params: CountyParams,
        querystring: z.object({ from: IsoDate.optional(), to: IsoDate.optional() }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                code: z.string(),
                category: Category,
                firstDate: z.string(),
                lastDate: z.string(),
                personTimes: z.number().int(),
                people: z.number().int(),
                poorPersonTimes: z.number().int(),
                title: z.string().nullable(),
                audiences: z.array(z.string()),
                institution: z.string().nullable(),
                hours: z.number().nullable(),
                isDemo: z.boolean(),
              }),
            ),
          }),
        },
      },
      config: { access: "region" },
    },
    async (request) => {
      const { code } = request.params;
      requireRead(request, code);
      await ensureCounty(code);
      return { items: await listCourses(kdb, code, request.query) };
    },
  );

  api.put(
    "/api/v1/counties/:code/training/courses/:course",
    {
      schema: {
        tags: [TAG],
        summary: "填写培训详情（名称、对象、机构、日期、学时）",
        params: CountyParams.extend({ course: CourseCode }),
        body: z
          .object({
            title: Text(200),
            audiences: KeySet(Audience, 1),
            institution: OptionalText(200),
            startDate: IsoDate.nullable().default(null),
            endDate: IsoDate.nullable().default(null),
            hours: z.number().min(0).max(1000).multipleOf(0.1).nullable().default(null),
          })
          .refine((c) => !c.startDate || !c.endDate || c.startDate <= c.endDate, {
            message: "结束日期早于开始日期 / end before start",
            path: ["endDate"],
          }),
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const { code, course } = request.params;
      const principal = requireAdminister(request, code);
      await ensureCounty(code);
      await saveCourseDetails({
        db: kdb,
        actor: { id: principal.id, name: principal.username },
        countyCode: code,
        courseCode: course,
        details: request.body,
      });
      return reply.status(204).send();
    },
  );

  const AttendanceItem = z.object({
    id: z.string(),
    courseCode: z.string(),
    date: z.string(),
    category: Category,
    person: z.string(),
    isPoor: z.boolean(),
    household: z.string().nullable(),
    isDemo: z.boolean(),
  });

  api.get(
    "/api/v1/counties/:code/training/attendances",
    {
      schema: {
        tags: [TAG],
        summary: "培训签到名册（一行一人次；身份证号仅显示脱敏形式）",
        params: CountyParams,
        querystring: z.object({ course: CourseCode.optional(), ...Paging }),
        response: {
          200: z.object({
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
            items: z.array(AttendanceItem),
          }),
        },
      },
      config: { access: "region" },
    },
    async (request) => {
      const { code } = request.params;
      requireRead(request, code);
      await ensureCounty(code);
      return listAttendances(kdb, { countyCode: code, ...request.query });
    },
  );

  api.get(
    "/api/v1/counties/:code/training/attendances.xlsx",
    {
      schema: { tags: [TAG], summary: "导出培训签到名册（.xlsx）", params: CountyParams },
      config: { access: "region" },
    },
    async (request, reply) => {
      const { code } = request.params;
      requireRead(request, code);
      await ensureCounty(code);
      const { items } = await listAttendances(kdb, { countyCode: code, page: 1, pageSize: 1_000_000 });
      const file = await rosterWorkbook(
        "培训",
        [
          { header: "培训编号", value: (a) => a.courseCode },
          { header: "日期", value: (a) => a.date },
          { header: "类别", value: (a) => TRAINING_CATEGORIES[a.category].zh },
          { header: "人员编号", value: (a) => a.person, width: 22 },
          { header: "贫困户", value: (a) => (a.isPoor ? "是" : "否") },
          { header: "户编号", value: (a) => a.household, width: 22 },
          { header: "演示数据", value: (a) => (a.isDemo ? "是" : "否") },
        ],
        items,
      );
      return sendXlsx(reply, `${code}-培训签到名册.xlsx`, file);
    },
  );

  api.delete(
    "/api/v1/counties/:code/training/attendances/:id",
    {
      schema: {
        tags: [TAG],
        summary: "删除一条误录的培训记录",
        params: CountyParams.extend({ id: z.uuid() }),
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const { code, id } = request.params;
      const principal = requireAdminister(request, code);
      await removeAttendance({
        db: kdb,
        actor: { id: principal.id, name: principal.username },
        countyCode: code,
        attendanceId: id,
      });
      return reply.status(204).send();
    },
  );

  const HouseholdQuery = z.object({
    asOf: IsoDate.optional(),
    village: z
      .string()
      .regex(/^\d{12}$/)
      .optional(),
    trained: z.enum(["true", "false"]).optional(),
    ...Paging,
  });
  const HouseholdItem = z.object({
    id: z.string(),
    household: z.string(),
    villageCode: z.string(),
    villageName: z.string(),
    members: z.number().int(),
    trainedMembers: z.number().int(),
    isDemo: z.boolean(),
  });

  api.get(
    "/api/v1/counties/:code/poor-households",
    {
      schema: {
        tags: [TAG],
        summary: "建档立卡贫困户名册及其培训情况（O9）",
        params: CountyParams,
        querystring: HouseholdQuery,
        response: {
          200: z.object({
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
            items: z.array(HouseholdItem),
          }),
        },
      },
      config: { access: "region" },
    },
    async (request) => {
      const { code } = request.params;
      requireRead(request, code);
      await ensureCounty(code);
      const { asOf, trained, ...rest } = request.query;
      return listPoorHouseholds(kdb, {
        countyCode: code,
        asOf: asOf ?? chinaDate(),
        trained: trained === undefined ? undefined : trained === "true",
        ...rest,
      });
    },
  );

  api.get(
    "/api/v1/counties/:code/poor-households.xlsx",
    {
      schema: {
        tags: [TAG],
        summary: "导出贫困户名册及培训情况（.xlsx）",
        params: CountyParams,
        querystring: AsOfQuery,
      },
      config: { access: "region" },
    },
    async (request, reply) => {
      const { code } = request.params;
      requireRead(request, code);
      await ensureCounty(code);
      const { items } = await listPoorHouseholds(kdb, {
        countyCode: code,
        asOf: request.query.asOf ?? chinaDate(),
        page: 1,
        pageSize: 1_000_000,
      });
      const file = await rosterWorkbook(
        "贫困户",
        [
          { header: "户编号", value: (h) => h.household, width: 22 },
          { header: "村代码", value: (h) => h.villageCode, width: 16 },
          { header: "村名称", value: (h) => h.villageName, width: 20 },
          { header: "人口", value: (h) => h.members },
          { header: "受训人数", value: (h) => h.trainedMembers },
          { header: "已培训", value: (h) => (h.trainedMembers > 0 ? "是" : "否") },
          { header: "演示数据", value: (h) => (h.isDemo ? "是" : "否") },
        ],
        items,
      );
      return sendXlsx(reply, `${code}-贫困户名册.xlsx`, file);
    },
  );

  api.get(
    "/api/v1/counties/:code/poor-households/coverage",
    {
      schema: {
        tags: [TAG],
        summary: "分村贫困户培训覆盖（O9）",
        params: CountyParams,
        querystring: AsOfQuery,
        response: {
          200: z.object({
            asOf: z.string(),
            villages: z.array(
              z.object({
                villageCode: z.string(),
                villageName: z.string(),
                townshipName: z.string(),
                households: z.number().int(),
                trained: z.number().int(),
                rateBp: z.number().int(),
              }),
            ),
          }),
        },
      },
      config: { access: "region" },
    },
    async (request) => {
      const { code } = request.params;
      requireRead(request, code);
      await ensureCounty(code);
      const asOf = request.query.asOf ?? chinaDate();
      const villages = await householdCoverageByVillage(kdb, code, asOf);
      return {
        asOf,
        villages: villages.map((v) => ({
          ...v,
          rateBp: poorHouseholdTraining(v.households, v.trained).rateBp,
        })),
      };
    },
  );

  api.get(
    "/api/v1/counties/:code/training/followups",
    {
      schema: {
        tags: [TAG],
        summary: "培训后跟踪服务记录",
        params: CountyParams,
        querystring: z.object(Paging),
        response: {
          200: z.object({
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
            items: z.array(
              z.object({
                id: z.string(),
                person: z.string(),
                date: z.string(),
                kind: FollowupKindKey,
                note: z.string(),
                isDemo: z.boolean(),
              }),
            ),
          }),
        },
      },
      config: { access: "region" },
    },
    async (request) => {
      const { code } = request.params;
      requireRead(request, code);
      await ensureCounty(code);
      const result = await listFollowups(kdb, { countyCode: code, ...request.query });
      return { ...result, items: result.items.map((i) => ({ ...i, kind: i.kind as FollowupKind })) };
    },
  );

  api.post(
    "/api/v1/counties/:code/training/followups",
    {
      schema: {
        tags: [TAG],
        summary: "登记培训后跟踪服务（回访、辅导、孵化、创业、就业）",
        params: CountyParams,
        body: z.object({
          personId: z.string().min(1).max(64),
          date: IsoDate,
          kind: FollowupKindKey,
          note: OptionalText(500),
        }),
        response: { 201: z.object({ id: z.string(), person: z.string() }) },
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const { code } = request.params;
      const principal = requireAdminister(request, code);
      await ensureCounty(code);
      const result = await recordFollowup({
        db: kdb,
        actor: { id: principal.id, name: principal.username },
        countyCode: code,
        followup: request.body,
      });
      return reply.status(201).send(result);
    },
  );

  api.get(
    "/api/v1/counties/:code/training/followups/stats",
    {
      schema: {
        tags: [TAG],
        summary: "培训后服务定期统计（创业、就业人数等）",
        params: CountyParams,
        querystring: z.object({
          period: z.enum(["month", "quarter", "year"]).default("quarter"),
          asOf: IsoDate.optional(),
        }),
        response: {
          200: z.object({
            asOf: z.string(),
            periods: z.array(
              z.object({
                period: z.string(),
                records: z.object({
                  visit: z.number().int(),
                  coaching: z.number().int(),
                  incubation: z.number().int(),
                  startup: z.number().int(),
                  job: z.number().int(),
                }),
                people: z.number().int(),
              }),
            ),
          }),
        },
      },
      config: { access: "region" },
    },
    async (request) => {
      const { code } = request.params;
      requireRead(request, code);
      await ensureCounty(code);
      const asOf = request.query.asOf ?? chinaDate();
      const rows = await followupRows(kdb, code, asOf);
      return {
        asOf,
        periods: followupStatistics(
          rows.map((r) => ({ personKey: r.person_key, date: r.date, kind: r.kind as FollowupKind })),
          request.query.period,
        ),
      };
    },
  );
}
