/**
 * The stateless rule calculators of interfaces.md: anyone may check a notice period, a fund plan or
 * a payment schedule before filing it. They call the same pure functions as the forms.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { NOTICE_MIN_WORKING_DAYS, noticePeriod, RuleInputError } from "../../rules/calendar";
import { checkFundPlan, checkPayments } from "../../rules/funds";
import { loadWorkCalendar, uncoveredYears } from "../calendar";
import type { RouteContext } from "../platform/domain";
import { badRequest, languageOf } from "../platform/http/errors";
import {
  FundPlanCheckRequest,
  FundPlanCheckResponse,
  NoticePeriodQuery,
  NoticePeriodResponse,
  PaymentCheckRequest,
  PaymentCheckResponse,
} from "./rules.schema";

export async function rulesRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/rules/notice-period",
    {
      schema: {
        tags: ["rules"],
        summary: `公示期计算（规则 F6，默认 ${NOTICE_MIN_WORKING_DAYS} 个工作日，含调休）`,
        querystring: NoticePeriodQuery,
        response: { 200: NoticePeriodResponse },
      },
      config: { access: "public" },
    },
    async (request) => {
      const calendar = await loadWorkCalendar(db.db);
      try {
        const period = noticePeriod(calendar, request.query.start, request.query.workingDays);
        const gaps = uncoveredYears(calendar, request.query.start, period.earliestSubmission);
        return { ...period, calendarIncomplete: gaps.length > 0, uncoveredYears: gaps };
      } catch (error) {
        if (error instanceof RuleInputError) {
          throw badRequest("invalid_input", error.messages, [
            { path: error.field, message: error.messages.en },
          ]);
        }
        throw error;
      }
    },
  );

  api.post(
    "/api/v1/rules/fund-plan",
    {
      schema: {
        tags: ["rules"],
        summary: "资金安排校验（规则 F2 比例、F3 ±2 个百分点、F4 禁止用途）",
        body: FundPlanCheckRequest,
        response: { 200: FundPlanCheckResponse },
      },
      config: { access: "public" },
    },
    async (request) => checkFundPlan(request.body, { lang: languageOf(request.headers["accept-language"]) }),
  );

  api.post(
    "/api/v1/rules/payment",
    {
      schema: {
        tags: ["rules"],
        summary: "拨付校验（规则 F7：首期不低于60%，验收前累计不超过90%）",
        body: PaymentCheckRequest,
        response: { 200: PaymentCheckResponse },
      },
      config: { access: "public" },
    },
    async (request) => checkPayments(request.body, { lang: languageOf(request.headers["accept-language"]) }),
  );
}
