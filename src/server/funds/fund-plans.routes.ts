/**
 * Routes of the fund arrangement (资金安排意见): versions and their lines, F4 clearances, the
 * public notice with objections, filing (M1) and the province's decision. Reads are scoped to the
 * county's region; writes to its administrators; every write is audited by its use case.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { DEFAULT_FUND_DEADLINES } from "../../rules/fund-plan";
import { deadlineStatus } from "../../rules/procurement";
import { loadWorkCalendar, uncoveredYears } from "../calendar";
import { countyExists } from "../counties";
import { requireAdminister, requireRead, requireRole } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { languageOf, notFound } from "../platform/http/errors";
import { chinaDate } from "../platform/time/china-time";
import { clearForbiddenAlarm } from "./clear-forbidden-alarm";
import { createFundPlanVersion } from "./create-fund-plan-version";
import { decideFundPlan } from "./decide-fund-plan";
import { fileFundPlan } from "./file-fund-plan";
import { planNotFound } from "./fund-plan-errors";
import {
  filedOriginal,
  findPlan,
  linesOfPlans,
  listPlanVersions,
  objectionsOfPlan,
  planInEffect,
} from "./fund-plans.repository";
import {
  ClearanceBody,
  CountyParams,
  CreatedResponse,
  CreatePlanBody,
  DecisionBody,
  FilingBody,
  LineParams,
  NoticeBody,
  ObjectionBody,
  ObjectionParams,
  PlanParams,
  ResolutionBody,
  UpdatePlanBody,
} from "./funds.schema";
import { logPlanObjection } from "./log-plan-objection";
import { presentPlan, presentPlanSummary } from "./present-fund-plan";
import { publishFundPlanNotice } from "./publish-fund-plan-notice";
import { resolvePlanObjection } from "./resolve-plan-objection";
import { NoticePeriodResponse } from "./rules.schema";
import { updateFundPlanDraft } from "./update-fund-plan-draft";

export const actorOf = (principal: { id: string; username: string }) => ({
  id: principal.id,
  name: principal.username,
});

const TAGS = ["funds"];

export async function fundPlansRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const ensureCounty = async (code: string) => {
    if (!(await countyExists(db.db, code))) throw notFound({ zh: "该示范县", en: "Demonstration county" });
  };
  const read = async (request: FastifyRequest, code: string) => {
    requireRead(request, code);
    await ensureCounty(code);
  };
  const write = async (request: FastifyRequest, code: string) => {
    const principal = requireAdminister(request, code);
    await ensureCounty(code);
    return actorOf(principal);
  };
  const lang = (request: FastifyRequest) => languageOf(request.headers["accept-language"]);

  api.get(
    "/api/v1/counties/:code/funds/plans",
    {
      schema: { tags: TAGS, summary: "资金安排意见的各版本", params: CountyParams },
      config: { access: "region" },
    },
    async (request) => {
      const { code } = request.params;
      await read(request, code);
      const today = chinaDate();
      const versions = await listPlanVersions(db.db, code);
      const lines = await linesOfPlans(
        db.db,
        versions.map((v) => v.id),
      );
      const original = filedOriginal(versions);
      return {
        versions: versions.map((v) =>
          presentPlanSummary(
            v,
            lines.filter((l) => l.plan_id === v.id),
            lang(request),
          ),
        ),
        inEffectId: planInEffect(versions, today)?.id ?? null,
        currentId: versions.find((v) => v.status !== "superseded" && v.status !== "rejected")?.id ?? null,
        deadlineM1: {
          dueOn: DEFAULT_FUND_DEADLINES.planFiledBy,
          filedOn: original?.filed_on ?? null,
          status: deadlineStatus(original?.filed_on, DEFAULT_FUND_DEADLINES.planFiledBy, today),
        },
      };
    },
  );

  api.get(
    "/api/v1/counties/:code/funds/plans/:planId",
    {
      schema: { tags: TAGS, summary: "一个版本：明细、校验（F2–F4）、公示、异议、报送", params: PlanParams },
      config: { access: "region" },
    },
    async (request) => {
      const { code, planId } = request.params;
      await read(request, code);
      const plan = await findPlan(db.db, code, planId);
      if (!plan) throw planNotFound();
      const calendar = plan.notice_start ? await loadWorkCalendar(db.db) : undefined;
      const gaps =
        calendar && plan.notice_start && plan.notice_earliest_submission
          ? uncoveredYears(calendar, plan.notice_start, plan.notice_earliest_submission)
          : [];
      return presentPlan(plan, plan.lines, await objectionsOfPlan(db.db, plan.id), {
        lang: lang(request),
        today: chinaDate(),
        calendarIncomplete: gaps.length > 0,
      });
    },
  );

  api.post(
    "/api/v1/counties/:code/funds/plans",
    {
      schema: {
        tags: TAGS,
        summary: "新建资金安排版本（备案后即为调整，须报省批准）",
        params: CountyParams,
        body: CreatePlanBody,
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const actor = await write(request, request.params.code);
      const created = await createFundPlanVersion({
        db: db.db,
        actor,
        countyCode: request.params.code,
        lines: request.body.lines,
        source: "form",
        preparedOn: request.body.preparedOn,
        changeReason: request.body.changeReason,
      });
      return reply.status(201).send(created);
    },
  );

  api.put(
    "/api/v1/counties/:code/funds/plans/:planId/lines",
    {
      schema: { tags: TAGS, summary: "修改草稿的明细", params: PlanParams, body: UpdatePlanBody },
      config: { access: "county_admin" },
    },
    async (request) => {
      const actor = await write(request, request.params.code);
      return updateFundPlanDraft({
        db: db.db,
        actor,
        countyCode: request.params.code,
        planId: request.params.planId,
        lines: request.body.lines,
        changeReason: request.body.changeReason,
      });
    },
  );

  api.post(
    "/api/v1/counties/:code/funds/plans/:planId/lines/:lineId/clearance",
    {
      schema: {
        tags: TAGS,
        summary: "确认禁止用途提示为误报（须写明理由，记入审计日志，规则 F4）",
        params: LineParams,
        body: ClearanceBody,
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const actor = await write(request, request.params.code);
      const result = await clearForbiddenAlarm({
        db: db.db,
        actor,
        countyCode: request.params.code,
        planId: request.params.planId,
        lineId: request.params.lineId,
        reason: request.body.reason,
      });
      return reply.status(201).send(result);
    },
  );

  api.post(
    "/api/v1/counties/:code/funds/plans/:planId/notice",
    {
      schema: {
        tags: TAGS,
        summary: "发布公示（不少于10个工作日，计算最早报送日，规则 F6）",
        params: PlanParams,
        body: NoticeBody,
        response: { 200: NoticePeriodResponse },
      },
      config: { access: "county_admin" },
    },
    async (request) => {
      const actor = await write(request, request.params.code);
      return publishFundPlanNotice({
        db: db.db,
        actor,
        countyCode: request.params.code,
        planId: request.params.planId,
        ...request.body,
      });
    },
  );

  api.post(
    "/api/v1/counties/:code/funds/plans/:planId/objections",
    {
      schema: {
        tags: TAGS,
        summary: "登记公示期间收到的异议",
        params: PlanParams,
        body: ObjectionBody,
        response: { 201: CreatedResponse },
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const actor = await write(request, request.params.code);
      const result = await logPlanObjection({
        db: db.db,
        actor,
        countyCode: request.params.code,
        planId: request.params.planId,
        ...request.body,
      });
      return reply.status(201).send(result);
    },
  );

  api.post(
    "/api/v1/counties/:code/funds/plans/:planId/objections/:objectionId/resolution",
    {
      schema: {
        tags: TAGS,
        summary: "登记异议的处理结果",
        params: ObjectionParams,
        body: ResolutionBody,
        response: { 200: CreatedResponse },
      },
      config: { access: "county_admin" },
    },
    async (request) => {
      const actor = await write(request, request.params.code);
      return resolvePlanObjection({
        db: db.db,
        actor,
        countyCode: request.params.code,
        planId: request.params.planId,
        objectionId: request.params.objectionId,
        ...request.body,
      });
    },
  );

  api.post(
    "/api/v1/counties/:code/funds/plans/:planId/filing",
    {
      schema: {
        tags: TAGS,
        summary: "报省备案（公示期满、异议处理完毕；调整须报批）",
        params: PlanParams,
        body: FilingBody,
      },
      config: { access: "county_admin" },
    },
    async (request) => {
      const actor = await write(request, request.params.code);
      return fileFundPlan({
        db: db.db,
        actor,
        countyCode: request.params.code,
        planId: request.params.planId,
        ...request.body,
      });
    },
  );

  api.post(
    "/api/v1/counties/:code/funds/plans/:planId/decision",
    {
      schema: {
        tags: TAGS,
        summary: "省级审核：批准或退回",
        params: PlanParams,
        body: DecisionBody,
      },
      config: { access: "province_admin" },
    },
    async (request) => {
      const principal = requireRole(request, ["province_admin"]);
      requireAdminister(request, request.params.code);
      await ensureCounty(request.params.code);
      return decideFundPlan({
        db: db.db,
        actor: actorOf(principal),
        countyCode: request.params.code,
        planId: request.params.planId,
        ...request.body,
      });
    },
  );
}
