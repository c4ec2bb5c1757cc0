/**
 * Routes of procurement and payments: tenders with bidders and red flags (F5, T3, M2), contracts
 * with deliverables (E4), the payment ledger with invoices (F7), charges to stations (F8).
 */
import { createReadStream, existsSync } from "node:fs";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { countyExists } from "../counties";
import { requireAdminister, requireRead } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { absolutePath } from "../platform/files/file-store";
import { badRequest, languageOf, notFound } from "../platform/http/errors";
import { chinaDate } from "../platform/time/china-time";
import { analyzeFunds } from "./analyze-funds";
import { attachInvoiceFile, findInvoice } from "./attach-invoice-file";
import { awardTender } from "./award-tender";
import { createContract } from "./create-contract";
import { actorOf } from "./fund-plans.routes";
import {
  AsOfQuery,
  AwardBody,
  ContractBody,
  ContractParams,
  ContractPatchBody,
  CountyParams,
  DeliverableDoneBody,
  DeliverableParams,
  InvoiceParams,
  PaymentBody,
  StationChargeBody,
  TenderBody,
  TenderParams,
} from "./funds.schema";
import { loadFundsSnapshot } from "./funds-snapshot.repository";
import { markDeliverableDone } from "./mark-deliverable-done";
import { presentContract, presentTender } from "./present-procurement";
import { recordPayment } from "./record-payment";
import { recordStationCharge } from "./record-station-charge";
import { saveTender } from "./save-tender";
import { updateContract } from "./update-contract";

const TAGS = ["procurement"];

export async function procurementRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const noCounty = () => notFound({ zh: "该示范县", en: "Demonstration county" });
  const write = async (request: FastifyRequest, code: string) => {
    const principal = requireAdminister(request, code);
    if (!(await countyExists(db.db, code))) throw noCounty();
    return actorOf(principal);
  };
  const analysis = async (request: FastifyRequest, code: string, asOf?: string) => {
    requireRead(request, code);
    const snapshot = await loadFundsSnapshot(db.db, code);
    if (!snapshot) throw noCounty();
    return analyzeFunds(snapshot, asOf ?? chinaDate(), languageOf(request.headers["accept-language"]));
  };
  const lang = (request: FastifyRequest) => languageOf(request.headers["accept-language"]);

  api.get(
    "/api/v1/counties/:code/funds/tenders",
    {
      schema: {
        tags: TAGS,
        summary: "招标项目、投标人与风险提示",
        params: CountyParams,
        querystring: AsOfQuery,
      },
      config: { access: "region" },
    },
    async (request) => {
      const a = await analysis(request, request.params.code, request.query.asOf);
      return a.tenders.map((t) => presentTender(t, lang(request)));
    },
  );

  api.post(
    "/api/v1/counties/:code/funds/tenders",
    {
      schema: { tags: TAGS, summary: "登记招标项目及投标人", params: CountyParams, body: TenderBody },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const actor = await write(request, request.params.code);
      const result = await saveTender({
        db: db.db,
        actor,
        countyCode: request.params.code,
        tender: request.body,
      });
      return reply.status(201).send(result);
    },
  );

  api.put(
    "/api/v1/counties/:code/funds/tenders/:tenderId",
    {
      schema: { tags: TAGS, summary: "修改未定标的招标项目", params: TenderParams, body: TenderBody },
      config: { access: "county_admin" },
    },
    async (request) => {
      const actor = await write(request, request.params.code);
      return saveTender({
        db: db.db,
        actor,
        countyCode: request.params.code,
        tenderId: request.params.tenderId,
        tender: request.body,
      });
    },
  );

  api.post(
    "/api/v1/counties/:code/funds/tenders/:tenderId/award",
    {
      schema: { tags: TAGS, summary: "定标", params: TenderParams, body: AwardBody },
      config: { access: "county_admin" },
    },
    async (request) => {
      const actor = await write(request, request.params.code);
      return awardTender({
        db: db.db,
        actor,
        countyCode: request.params.code,
        tenderId: request.params.tenderId,
        ...request.body,
      });
    },
  );

  api.get(
    "/api/v1/counties/:code/funds/contracts",
    {
      schema: {
        tags: TAGS,
        summary: "合同、交付内容与拨付台账（含校验）",
        params: CountyParams,
        querystring: AsOfQuery,
      },
      config: { access: "region" },
    },
    async (request) => {
      const a = await analysis(request, request.params.code, request.query.asOf);
      return a.contracts.map((c) => presentContract(c, lang(request)));
    },
  );

  api.post(
    "/api/v1/counties/:code/funds/contracts",
    {
      schema: { tags: TAGS, summary: "登记合同", params: CountyParams, body: ContractBody },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const actor = await write(request, request.params.code);
      const result = await createContract({
        db: db.db,
        actor,
        countyCode: request.params.code,
        contract: request.body,
      });
      return reply.status(201).send(result);
    },
  );

  api.patch(
    "/api/v1/counties/:code/funds/contracts/:contractId",
    {
      schema: {
        tags: TAGS,
        summary: "开工、完工、验收日期",
        params: ContractParams,
        body: ContractPatchBody,
      },
      config: { access: "county_admin" },
    },
    async (request) => {
      const actor = await write(request, request.params.code);
      return updateContract({
        db: db.db,
        actor,
        countyCode: request.params.code,
        contractId: request.params.contractId,
        changes: request.body,
      });
    },
  );

  api.post(
    "/api/v1/counties/:code/funds/contracts/:contractId/deliverables/:deliverableId/done",
    {
      schema: {
        tags: TAGS,
        summary: "交付内容完成（或撤销）",
        params: DeliverableParams,
        body: DeliverableDoneBody,
      },
      config: { access: "county_admin" },
    },
    async (request) => {
      const actor = await write(request, request.params.code);
      return markDeliverableDone({
        db: db.db,
        actor,
        countyCode: request.params.code,
        contractId: request.params.contractId,
        deliverableId: request.params.deliverableId,
        doneOn: request.body.doneOn,
      });
    },
  );

  api.post(
    "/api/v1/counties/:code/funds/contracts/:contractId/payments",
    {
      schema: {
        tags: TAGS,
        summary: "登记拨付及发票（规则 F7 随即校验）",
        params: ContractParams,
        body: PaymentBody,
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const actor = await write(request, request.params.code);
      const result = await recordPayment({
        db: db.db,
        actor,
        countyCode: request.params.code,
        contractId: request.params.contractId,
        ...request.body,
      });
      const a = await analysis(request, request.params.code);
      const contract = a.contracts.find((c) => c.contract.id === request.params.contractId);
      return reply.status(201).send({
        ...result,
        paidFen: contract?.paidFen ?? 0,
        paymentCheck: contract?.paymentCheck ?? null,
        problems: contract?.problems ?? [],
      });
    },
  );

  api.post(
    "/api/v1/counties/:code/funds/contracts/:contractId/station-charges",
    {
      schema: {
        tags: TAGS,
        summary: "登记承办企业向站点收取的费用（规则 F8 禁止，登记即标红）",
        params: ContractParams,
        body: StationChargeBody,
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const actor = await write(request, request.params.code);
      const result = await recordStationCharge({
        db: db.db,
        actor,
        countyCode: request.params.code,
        contractId: request.params.contractId,
        charge: request.body,
      });
      return reply.status(201).send(result);
    },
  );

  api.post(
    "/api/v1/counties/:code/funds/contracts/:contractId/payments/:paymentId/invoices/:invoiceId/file",
    {
      schema: { tags: TAGS, summary: "上传发票扫描件（multipart：file）", params: InvoiceParams },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      const actor = await write(request, request.params.code);
      if (!request.isMultipart()) {
        throw badRequest("multipart_required", { zh: "请以表单上传文件", en: "Use multipart/form-data" });
      }
      const part = await request.file({ limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
      if (!part) throw badRequest("file_required", { zh: "请选择文件", en: "No file" });
      const result = await attachInvoiceFile({
        db: db.db,
        actor,
        countyCode: request.params.code,
        ...request.params,
        file: { name: part.filename, stream: part.file },
        isTruncated: () => part.file.truncated,
      });
      return reply.status(201).send(result);
    },
  );

  api.get(
    "/api/v1/counties/:code/funds/contracts/:contractId/payments/:paymentId/invoices/:invoiceId/file",
    {
      schema: { tags: TAGS, summary: "下载发票扫描件", params: InvoiceParams },
      config: { access: "region" },
    },
    async (request, reply) => {
      requireRead(request, request.params.code);
      const invoice = await findInvoice(db.db, { countyCode: request.params.code, ...request.params });
      if (!invoice.file_path || !existsSync(absolutePath(invoice.file_path))) {
        throw notFound({ zh: "该发票的扫描件", en: "Invoice file" });
      }
      reply
        .header("content-type", "application/octet-stream")
        .header(
          "content-disposition",
          `attachment; filename*=UTF-8''${encodeURIComponent(invoice.file_name ?? "invoice")}`,
        );
      return reply.send(createReadStream(absolutePath(invoice.file_path)));
    },
  );
}
