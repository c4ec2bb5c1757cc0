/** Zod schemas of the procedure routes (K1, K2, F7, M5). */
import { z } from "zod";
import { InvoiceBody, IsoDate } from "../funds";
import { HANDOVER_KINDS } from "./replace-contractor";

const Text = (max: number) => z.string().trim().max(max);
const DocIds = z.array(z.uuid()).max(20).default([]);

export const CountyParams = z.object({ code: z.string().regex(/^\d{6}$/) });
export const IdParams = CountyParams.extend({ id: z.uuid() });
export const ContractParams = CountyParams.extend({ contractId: z.uuid() });

export const ApplicationBody = z.object({ date: IsoDate, note: Text(2000).default(""), documentIds: DocIds });
export const CommissionBody = z.object({
  date: IsoDate,
  agency: Text(200).min(2),
  qualification: Text(500).min(2),
  documentIds: DocIds,
});
export const FilingBody = z.object({
  date: IsoDate,
  auditFirm: Text(200).min(2),
  auditConclusion: Text(2000).min(2),
  documentIds: DocIds,
});
export const ReviewBody = z
  .object({ date: IsoDate, decision: z.enum(["approved", "returned"]), reasons: Text(2000).default("") })
  .refine((b) => b.decision === "approved" || b.reasons.length >= 2, {
    path: ["reasons"],
    message: "退回须写明理由",
  });
export const SpotCheckBody = z.object({
  date: IsoDate,
  sites: z
    .array(
      z.object({
        kind: z.enum(["station", "facility"]),
        ref: Text(60).min(1),
        finding: Text(2000).default(""),
        confirmed: z.boolean().default(false),
        photoDocumentIds: DocIds,
      }),
    )
    .min(1)
    .max(200),
  owner: Text(200).default("县商务局"),
  workingDays: z.number().int().min(1).max(250).default(20),
});
export const RectificationBody = z.object({
  source: z.enum(["item", "finding"]),
  ref: Text(60).min(1),
  problem: Text(2000).min(2),
  owner: Text(200).min(2),
  openedOn: IsoDate,
  workingDays: z.number().int().min(1).max(250),
});
export const RectificationEventBody = z.object({
  kind: z.enum(["evidence", "reassessed"]),
  date: IsoDate,
  note: Text(2000).min(2),
  outcome: z.enum(["pass", "fail"]).optional(),
  documentId: z.uuid().optional(),
});
export const RetainageBody = z.object({
  paidOn: IsoDate,
  note: Text(500).optional(),
  invoices: z.array(InvoiceBody).max(50).default([]),
});
export const TerminationBody = z.object({
  terminatedOn: IsoDate,
  reason: Text(2000).min(2),
  decision: Text(2000).min(2),
  evidenceDocumentId: z.uuid().optional(),
  /** The outgoing contractor organization (承办企业单位); defaults to the contract's. */
  contractorOrgId: z.uuid().nullable().optional(),
  handover: z
    .array(
      z.object({
        kind: z.enum(HANDOVER_KINDS),
        description: Text(500).min(1),
        /** For a station item: the 站点编号 handed over (default: those the old contractor operates). */
        stationNos: z.array(Text(60).min(1)).max(5000).optional(),
      }),
    )
    .min(1)
    .max(200),
});
export const ReplacementBody = z.object({
  tenderId: z.uuid(),
  contractId: z.uuid(),
  /** The incoming contractor organization; defaults to the new contract's. */
  contractorOrgId: z.uuid().nullable().optional(),
});
export const HandoverCheckBody = z.object({ checkedOn: IsoDate, note: Text(1000).default("") });
export const PerformanceFilingBody = z.object({ filedOn: IsoDate, summary: Text(4000).default("") });
export const PublicationBody = z.object({
  publishedOn: IsoDate,
  typicalCounties: z.array(z.string().regex(/^\d{6}$/)).max(50),
  note: Text(4000).default(""),
});
