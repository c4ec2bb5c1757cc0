/**
 * Acceptance routes: the scorecard, the assessor's decisions, evidence and signature; then the
 * reports, performance, standard and timeline routes of their own files.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { evaluate } from "../../rules/acceptance/evaluate";
import { checkStep } from "../../rules/acceptance/procedure";
import { isIsoDate } from "../../rules/calendar";
import { countyExists } from "../counties";
import { requireRead, requireRole } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { badRequest, notFound } from "../platform/http/errors";
import { chinaDate } from "../platform/time/china-time";
import { defaultAsOf } from "../platform/time/default-as-of";
import { loadProcedureFacts, refusal } from "../procedure";
import { currentDecisions, currentStandard, latestSignoff, listEvidence } from "./acceptance.repository";
import { AsOfQuery, CountyParams } from "./acceptance.schema";
import { acceptanceReportRoutes } from "./acceptance-reports.routes";
import { addEvidence } from "./add-evidence";
import { decideItem } from "./decide-item";
import { getScorecard } from "./get-scorecard";
import { performanceRoutes } from "./performance.routes";
import { signScorecard } from "./sign-scorecard";
import { standardRoutes } from "./standard.routes";
import { timelineRoutes } from "./timeline.routes";

const ScorecardResponse = z.object({
  county: z.string(),
  asOf: z.string(),
  standard: z.string(),
  standardVersion: z.number().int(),
  verdict: z.enum(["passed", "failed", "vetoed", "incomplete"]),
  items: z.array(
    z.object({
      id: z.string(),
      status: z.enum(["pass", "fail", "pending", "n/a"]),
      measured: z.record(z.string(), z.unknown()),
      threshold: z.record(z.string(), z.unknown()),
      rules: z.array(z.string()),
      note: z.string(),
      decidedBy: z.enum(["data", "assessor"]),
      overridden: z.boolean(),
      dataResult: z
        .object({ status: z.enum(["pass", "fail", "pending", "n/a"]), note: z.string() })
        .optional(),
    }),
  ),
  veto: z.array(
    z.object({
      id: z.string(),
      status: z.enum(["clear", "triggered", "pending"]),
      note: z.string(),
      decidedBy: z.enum(["data", "assessor"]),
      overridden: z.boolean(),
      dataResult: z
        .object({ status: z.enum(["clear", "triggered", "pending"]), note: z.string() })
        .optional(),
    }),
  ),
  // rule K1: the nine steps of the acceptance procedure as of asOf (interfaces.md).
  procedure: z.array(
    z.object({
      step: z.string(),
      status: z.enum(["done", "open", "not_started", "n/a"]),
      date: z.string().nullable(),
    }),
  ),
});

export async function acceptanceRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = context;
  const ensureCounty = async (code: string) => {
    if (!(await countyExists(db.db, code))) throw notFound({ zh: "该示范县", en: "Demonstration county" });
  };
  const scorecardOf = (code: string, asOf?: string) =>
    getScorecard({ db, countyFacts: context.countyFacts, countyCode: code, asOf: asOf ?? chinaDate() });

  api.get(
    "/api/v1/counties/:code/scorecard",
    {
      schema: {
        tags: ["acceptance"],
        summary: "验收评分表（asOf 默认今天）",
        params: CountyParams,
        querystring: AsOfQuery,
        response: { 200: ScorecardResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      await ensureCounty(request.params.code);
      return scorecardOf(request.params.code, request.query.asOf);
    },
  );

  api.get(
    "/api/v1/counties/:code/acceptance",
    {
      schema: { tags: ["acceptance"], summary: "评估过程：判定、证据、签署", params: CountyParams },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      await ensureCounty(request.params.code);
      const signoff = await latestSignoff(db.db, request.params.code);
      return {
        decisions: await currentDecisions(db.db, request.params.code),
        evidence: await listEvidence(db.db, request.params.code),
        signoff: signoff
          ? {
              signedBy: signoff.signed_by_name,
              signedAt: signoff.signed_at,
              verdict: signoff.verdict,
              asOf: signoff.as_of,
            }
          : null,
      };
    },
  );

  api.post(
    "/api/v1/counties/:code/acceptance/decisions",
    {
      schema: {
        tags: ["acceptance"],
        summary: "评估机构判定指标（县级不可修改；推翻数据判定须书面理由与证据；E5 省级亦可认定）",
        params: CountyParams,
        body: z.object({
          itemId: z.string().regex(/^[A-E]\d$/),
          status: z.string().max(20),
          note: z.string().max(2000),
          /** The as-of date of the scorecard the decision is made on (default: the pages' default). */
          asOf: z.string().refine(isIsoDate, "YYYY-MM-DD").optional(),
        }),
        response: { 201: z.object({ id: z.string() }) },
      },
      config: { access: "region" },
    },
    async (request, reply) => {
      const assessor = requireRead(request, request.params.code);
      requireRole(request, ["assessor", "province_admin"]);
      await ensureCounty(request.params.code);
      // What the data decide on the scorecard's date: a decision against it is an override.
      const { asOf: bodyAsOf, ...decision } = request.body;
      const asOf = bodyAsOf ?? (await defaultAsOf(db)).asOf;
      const facts = await context.countyFacts(request.params.code, asOf);
      const dataCard = evaluate(facts, await currentStandard(db.db));
      const id = decision.itemId;
      const dataStatus =
        dataCard.items.find((i) => i.id === id)?.status ??
        dataCard.veto.find((v) => v.id === id)?.status ??
        "pending";
      const hasLeads = !!(facts.openDataQualityFlags?.length || facts.explainedDataQualityFlags?.length);
      const result = await decideItem({
        db: db.db,
        assessor,
        countyCode: request.params.code,
        ...decision,
        dataStatus,
        hasLeads,
      });
      return reply.status(201).send(result);
    },
  );

  api.post(
    "/api/v1/counties/:code/acceptance/evidence",
    {
      schema: {
        tags: ["acceptance"],
        summary: "上传证据（multipart：itemId、note、可选 file）",
        params: CountyParams,
      },
      config: { access: "region" },
    },
    async (request, reply) => {
      const author = requireRead(request, request.params.code);
      requireRole(request, ["assessor", "province_admin"]);
      const fields: Record<string, string> = {};
      let result: Awaited<ReturnType<typeof addEvidence>> | undefined;
      if (!request.isMultipart())
        throw badRequest("multipart_required", { zh: "请以表单上传", en: "Use multipart/form-data" });
      for await (const part of request.parts({ limits: { fileSize: 20 * 1024 * 1024, files: 1 } })) {
        if (part.type === "field") {
          fields[part.fieldname] = String(part.value).slice(0, 2000);
          continue;
        }
        const itemId = fields.itemId ?? "";
        result = await addEvidence({
          db: db.db,
          author,
          countyCode: request.params.code,
          itemId,
          note: fields.note ?? "",
          file: { name: part.filename, stream: part.file, isImage: part.mimetype.startsWith("image/") },
        });
        if (part.file.truncated)
          throw badRequest("file_too_large", { zh: "文件超过 20 MiB", en: "File exceeds 20 MiB" });
      }
      result ??= await addEvidence({
        db: db.db,
        author,
        countyCode: request.params.code,
        itemId: fields.itemId ?? "",
        note: fields.note ?? "",
      });
      return reply.status(201).send(result);
    },
  );

  api.post(
    "/api/v1/counties/:code/acceptance/sign",
    {
      schema: {
        tags: ["acceptance"],
        summary: "评估机构签署评分表",
        params: CountyParams,
        body: z.object({ asOf: z.string().refine(isIsoDate) }),
      },
      config: { access: "region" },
    },
    async (request, reply) => {
      const assessor = requireRead(request, request.params.code);
      requireRole(request, ["assessor"]);
      // rule K1: once the county's procedure is under way, the assessment follows the commission.
      const procedure = await loadProcedureFacts(db.db, request.params.code);
      const refused = procedure.events.length
        ? checkStep(procedure, { step: "assessment" }, assessor.role, chinaDate())
        : null;
      if (refused) throw refusal(refused);
      const scorecard = await scorecardOf(request.params.code, request.body.asOf);
      return reply.status(201).send(await signScorecard(db.db, assessor, scorecard));
    },
  );

  await acceptanceReportRoutes(app, context);
  await performanceRoutes(app, context);
  await standardRoutes(app, context);
  await timelineRoutes(app, context);
}
