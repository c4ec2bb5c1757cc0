/**
 * Routes of the acceptance procedure (K1): the steps, their documents, rectifications, the
 * retainage release (F7), contractor replacement and handover (K2), M5 filing and publication.
 * Access is checked twice: the route's class (readers of the county), then the step's actor (K1).
 */
import { createReadStream, existsSync } from "node:fs";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { AsOfQuery, getPerformance } from "../acceptance";
import { countyExists } from "../counties";
import { requireNotFuture } from "../funds";
import { requireAdminister, requireRead, requireRole } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { absolutePath } from "../platform/files/file-store";
import { badRequest, forbidden, notFound } from "../platform/http/errors";
import { chinaDate } from "../platform/time/china-time";
import { filePerformance, latestFilings, listPublications, publishPerformance } from "./performance-filing";
import {
  listDocuments,
  listRectifications,
  procedureDb,
  procedureOf,
  procedureSteps,
} from "./procedure.repository";
import * as S from "./procedure.schema";
import { DOCUMENT_UPLOADERS, uploadDocument } from "./procedure-documents";
import { addRectificationEvent, openRectification } from "./rectifications";
import { releaseRetainage } from "./release-retainage";
import {
  checkHandoverItem,
  linkReplacement,
  listTerminations,
  terminateContract,
} from "./replace-contractor";
import { takeStep } from "./take-step";

const TAGS = ["procedure"];

export async function procedureRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db } = context;
  const reader = async (request: FastifyRequest & { params: { code: string } }) => {
    const principal = requireRead(request, request.params.code);
    if (!(await countyExists(db.db, request.params.code)))
      throw notFound({ zh: "该示范县", en: "Demonstration county" });
    return principal;
  };
  const region = { access: "region" } as const;

  api.get(
    "/api/v1/counties/:code/procedure",
    {
      schema: {
        tags: TAGS,
        summary: "验收程序：各环节、文件、整改、合同终止与交接",
        params: S.CountyParams,
        querystring: AsOfQuery,
      },
      config: region,
    },
    async (request) => {
      await reader(request);
      const code = request.params.code;
      const asOf = request.query.asOf ?? chinaDate();
      const [procedure, steps, documents, rectifications, terminations, filings] = await Promise.all([
        procedureOf(db.db, code, asOf),
        procedureSteps(db.db, code),
        listDocuments(db.db, code),
        listRectifications(db.db, code),
        listTerminations(db.db, code),
        latestFilings(db.db),
      ]);
      return {
        county: code,
        asOf,
        procedure,
        steps,
        documents,
        rectifications,
        terminations,
        performanceFiling: filings.get(code) ?? null,
      };
    },
  );

  api.post(
    "/api/v1/counties/:code/procedure/documents",
    {
      schema: {
        tags: TAGS,
        summary: "上传验收程序文件（multipart：kind、note、file）",
        params: S.CountyParams,
      },
      config: region,
    },
    async (request, reply) => {
      const actor = await reader(request);
      requireRole(request, DOCUMENT_UPLOADERS);
      if (!request.isMultipart())
        throw badRequest("multipart_required", { zh: "请以表单上传", en: "Use multipart/form-data" });
      const fields: Record<string, string> = {};
      let result: Awaited<ReturnType<typeof uploadDocument>> | undefined;
      for await (const part of request.parts({ limits: { fileSize: 20 * 1024 * 1024, files: 1 } })) {
        if (part.type === "field") {
          fields[part.fieldname] = String(part.value).slice(0, 2000);
          continue;
        }
        result = await uploadDocument(db.db, actor, request.params.code, {
          kind: fields.kind ?? "",
          note: fields.note ?? "",
          file: { name: part.filename, stream: part.file },
        });
        if (part.file.truncated)
          throw badRequest("file_too_large", { zh: "文件超过 20 MiB", en: "File exceeds 20 MiB" });
      }
      if (!result) throw badRequest("file_required", { zh: "请选择文件", en: "A file is required" });
      return reply.status(201).send(result);
    },
  );

  api.get(
    "/api/v1/counties/:code/procedure/documents/:id",
    { schema: { tags: TAGS, summary: "下载验收程序文件", params: S.IdParams }, config: region },
    async (request, reply) => {
      await reader(request);
      const doc = await procedureDb(db.db)
        .selectFrom("procedure_documents")
        .selectAll()
        .where("id", "=", request.params.id)
        .where("county_code", "=", request.params.code)
        .executeTakeFirst();
      if (!doc || !existsSync(absolutePath(doc.file_path))) throw notFound({ zh: "该文件", en: "Document" });
      reply
        .header("content-type", "application/octet-stream")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(doc.file_name)}`);
      return reply.send(createReadStream(absolutePath(doc.file_path)));
    },
  );

  // The steps of K1 an account takes through these routes; the assessment is the scorecard's signature.
  const step = <B extends { date: string; documentIds?: string[] }>(
    path: string,
    summary: string,
    body: import("zod").ZodType<B>,
    toInput: (
      b: B,
    ) => Omit<Parameters<typeof takeStep>[3], "date" | "documentIds"> & { documentIds?: string[] },
  ) =>
    api.post(
      `/api/v1/counties/:code/procedure/${path}`,
      { schema: { tags: TAGS, summary, params: S.CountyParams, body }, config: region },
      async (request, reply) => {
        const actor = await reader(request);
        const b = request.body as B;
        requireNotFuture(b.date, "日期");
        const input = toInput(b);
        const result = await takeStep(db.db, actor, request.params.code, {
          ...input,
          date: b.date,
          documentIds: input.documentIds ?? b.documentIds ?? [],
        } as Parameters<typeof takeStep>[3]);
        return reply.status(201).send(result);
      },
    );

  step("application", "承办企业提出验收申请（K1）", S.ApplicationBody, (b) => ({
    step: "application",
    details: { note: b.note },
  }));
  step("commission", "县委托第三方评估机构（附资质文件，K1）", S.CommissionBody, (b) => ({
    step: "commission",
    details: { agency: b.agency, qualification: b.qualification },
    requiredKinds: ["qualification"],
  }));
  step("filing", "县报送验收报告与资金审计报告（K1）", S.FilingBody, (b) => ({
    step: "filing",
    details: { auditFirm: b.auditFirm, auditConclusion: b.auditConclusion },
    requiredKinds: ["acceptance_report", "audit_report"],
  }));
  step("city-review", "市商务局审核（同意或退回，K1）", S.ReviewBody, (b) => ({
    step: "city_review",
    action: b.decision,
    details: { reasons: b.reasons },
  }));
  step("province-review", "省商务厅审核（同意或退回，K1）", S.ReviewBody, (b) => ({
    step: "province_review",
    action: b.decision,
    details: { reasons: b.reasons },
  }));
  step("spot-check", "省级抽查站点与设施（确认的问题自动登记整改，K1）", S.SpotCheckBody, (b) => ({
    step: "spot_check",
    details: { sites: b.sites },
    // The sites' photos are the spot check's documents.
    documentIds: b.sites.flatMap((s) => s.photoDocumentIds),
    // Photos are the spot check's documents; confirmed findings each get a rectification.
    rectifications: b.sites
      .filter((s) => s.confirmed)
      .map((s) => ({
        source: "finding" as const,
        ref: `${s.kind === "station" ? "站点" : "设施"} ${s.ref}`,
        problem: s.finding || "抽查发现问题",
        owner: b.owner,
        openedOn: b.date,
        workingDays: b.workingDays,
      })),
  }));
  api.post(
    "/api/v1/counties/:code/rectifications",
    {
      schema: {
        tags: TAGS,
        summary: "登记整改事项（责任单位、工作日期限）",
        params: S.CountyParams,
        body: S.RectificationBody,
      },
      config: region,
    },
    async (request, reply) => {
      const actor = await reader(request);
      requireNotFuture(request.body.openedOn, "登记日期");
      return reply.status(201).send(await openRectification(db.db, actor, request.params.code, request.body));
    },
  );

  api.post(
    "/api/v1/counties/:code/rectifications/:id/events",
    {
      schema: {
        tags: TAGS,
        summary: "整改证据（县）或复核（评估机构）",
        params: S.IdParams,
        body: S.RectificationEventBody,
      },
      config: region,
    },
    async (request, reply) => {
      const actor = await reader(request);
      requireNotFuture(request.body.date, "日期");
      const result = await addRectificationEvent(
        db.db,
        actor,
        request.params.code,
        request.params.id,
        request.body,
      );
      return reply.status(201).send(result);
    },
  );

  api.post(
    "/api/v1/counties/:code/funds/contracts/:contractId/retainage",
    {
      schema: {
        tags: TAGS,
        summary: "拨付10%尾款（验收通过后，F7）",
        params: S.ContractParams,
        body: S.RetainageBody,
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const actor = requireAdminister(request, request.params.code);
      requireNotFuture(request.body.paidOn, "拨付日期");
      const result = await releaseRetainage({
        db: db.db,
        actor,
        countyCode: request.params.code,
        ...request.params,
        ...request.body,
      });
      return reply.status(201).send(result);
    },
  );

  api.post(
    "/api/v1/counties/:code/funds/contracts/:contractId/termination",
    {
      schema: {
        tags: TAGS,
        summary: "因无法运营提前终止合同（K2）",
        params: S.ContractParams,
        body: S.TerminationBody,
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const actor = countyAdmin(request);
      const result = await terminateContract(db.db, actor, request.params.code, {
        contractId: request.params.contractId,
        ...request.body,
      });
      return reply.status(201).send(result);
    },
  );

  api.post(
    "/api/v1/counties/:code/terminations/:id/replacement",
    {
      schema: {
        tags: TAGS,
        summary: "登记替换承办企业的招标与合同（K2、F5）",
        params: S.IdParams,
        body: S.ReplacementBody,
      },
      config: { access: "county_admin" },
    },
    async (request) => {
      const actor = countyAdmin(request);
      return linkReplacement(db.db, actor, request.params.code, request.params.id, request.body);
    },
  );

  api.post(
    "/api/v1/counties/:code/handover-items/:id/check",
    {
      schema: {
        tags: TAGS,
        summary: "交接事项逐项确认（K2）",
        params: S.IdParams,
        body: S.HandoverCheckBody,
      },
      config: { access: "county_admin" },
    },
    async (request) => {
      const actor = countyAdmin(request);
      return checkHandoverItem(db.db, actor, request.params.code, request.params.id, request.body);
    },
  );

  api.post(
    "/api/v1/counties/:code/performance-filing",
    {
      schema: {
        tags: TAGS,
        summary: "报送绩效评价（2018年11—12月，M5）",
        params: S.CountyParams,
        body: S.PerformanceFilingBody,
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const actor = countyAdmin(request);
      requireNotFuture(request.body.filedOn, "报送日期");
      const evaluation = await getPerformance({
        db,
        countyFacts: context.countyFacts,
        countyCode: request.params.code,
        asOf: request.body.filedOn,
      });
      const result = await filePerformance(db.db, actor, request.params.code, {
        ...request.body,
        evaluation,
      });
      return reply.status(201).send(result);
    },
  );

  api.get(
    "/api/v1/acceptance/performance-publications",
    {
      schema: { tags: TAGS, summary: "省级公布的绩效评价结果与典型县（M5）" },
      config: { access: "authenticated" },
    },
    async () => ({ publications: await listPublications(db.db) }),
  );

  api.post(
    "/api/v1/acceptance/performance-publications",
    {
      schema: { tags: TAGS, summary: "公布绩效评价结果与典型县（M5）", body: S.PublicationBody },
      config: { access: "province_admin" },
    },
    async (request, reply) => {
      const actor = requireRole(request, ["province_admin"]);
      requireNotFuture(request.body.publishedOn, "公布日期");
      return reply.status(201).send(await publishPerformance(db.db, actor, request.body));
    },
  );
}

/** The county's own administrator: the province reviews the procedure, it does not act for the county. */
function countyAdmin(request: FastifyRequest & { params: { code: string } }) {
  const actor = requireAdminister(request, request.params.code);
  if (actor.role !== "county_admin") throw forbidden();
  return actor;
}
