/** Zod shapes of the funds routes: plans, notice, filing, procurement, payments. */
import { z } from "zod";
import { SUPPORT_METHOD_KEYS } from "../../rules/fund-plan";
import { FUND_CATEGORY_KEYS } from "../../rules/funds";
import { TENDER_METHOD_KEYS } from "../../rules/procurement";
import { Fen, IsoDate } from "./rules.schema";

export { Fen, IsoDate };

export const CountyParams = z.object({ code: z.string().regex(/^\d{6}$/, "6-digit county code") });
export const PlanParams = CountyParams.extend({ planId: z.uuid() });
export const LineParams = PlanParams.extend({ lineId: z.uuid() });
export const ObjectionParams = PlanParams.extend({ objectionId: z.uuid() });
export const AsOfQuery = z.object({ asOf: IsoDate.optional() });

export const PlanLineBody = z.object({
  category: z.enum(FUND_CATEGORY_KEYS),
  amountFen: Fen,
  description: z.string().trim().min(1).max(2000),
  supportMethod: z.enum(SUPPORT_METHOD_KEYS).nullable().default(null),
  /** The line of an earlier version this line continues. */
  lineKey: z.uuid().optional(),
});

export const CreatePlanBody = z.object({
  lines: z.array(PlanLineBody).max(500),
  preparedOn: IsoDate.optional(),
  changeReason: z.string().max(2000).optional(),
});

export const UpdatePlanBody = z.object({
  lines: z.array(PlanLineBody).max(500),
  changeReason: z.string().max(2000).nullable().optional(),
});

export const ClearanceBody = z.object({ reason: z.string().max(2000) });

export const NoticeBody = z.object({
  start: IsoDate,
  workingDays: z.number().int().min(1).max(250).default(10),
});

export const ObjectionBody = z.object({
  receivedOn: IsoDate,
  objector: z.string().trim().min(1).max(200),
  content: z.string().trim().min(1).max(4000),
});

export const ResolutionBody = z.object({ resolution: z.string().max(4000), resolvedOn: IsoDate });

export const FilingBody = z.object({ filedOn: IsoDate, changeReason: z.string().max(2000).optional() });

export const DecisionBody = z.object({
  decision: z.enum(["approve", "reject"]),
  decidedOn: IsoDate,
  note: z.string().max(2000).default(""),
});

export const CreatedResponse = z.object({ id: z.string() });

// ---------------------------------------------------------------------------------------------
// Procurement

const Text = (max: number) => z.string().trim().max(max);
const OptionalText = (max: number) => z.string().trim().max(max).nullable().default(null);

export const TenderParams = CountyParams.extend({ tenderId: z.uuid() });
export const ContractParams = CountyParams.extend({ contractId: z.uuid() });
export const DeliverableParams = ContractParams.extend({ deliverableId: z.uuid() });
export const PaymentParams = ContractParams.extend({ paymentId: z.uuid() });
export const InvoiceParams = PaymentParams.extend({ invoiceId: z.uuid() });

export const BidderBody = z.object({
  name: Text(200).min(1),
  creditCode: OptionalText(40),
  address: OptionalText(300),
  phone: OptionalText(40),
  contact: OptionalText(100),
  bidFen: Fen.nullable().default(null),
});

export const TenderBody = z.object({
  tenderNo: Text(60).min(1),
  title: Text(300).min(1),
  method: z.enum(TENDER_METHOD_KEYS),
  estimateFen: Fen.nullable().default(null),
  lineKeys: z.array(z.uuid()).max(100).default([]),
  announcedOn: IsoDate.nullable().default(null),
  documentsIssuedOn: IsoDate.nullable().default(null),
  bidDeadline: IsoDate.nullable().default(null),
  responsiblePerson: OptionalText(100),
  bidders: z.array(BidderBody).max(100).default([]),
});

export const AwardBody = z.object({
  bidderId: z.uuid(),
  awardedOn: IsoDate,
  amountFen: Fen,
});

export const DeliverableBody = z.object({
  name: Text(300).min(1),
  amountFen: Fen,
  dueOn: IsoDate.nullable().default(null),
  doneOn: IsoDate.nullable().default(null),
});

export const ContractBody = z.object({
  contractNo: Text(60).min(1),
  title: Text(300).min(1),
  tenderId: z.uuid().nullable().default(null),
  contractorName: Text(200).min(1),
  contractorOrgId: z.uuid().nullable().default(null),
  contractorResponsible: OptionalText(100),
  amountFen: Fen.positive(),
  lineKeys: z.array(z.uuid()).max(100).default([]),
  signedOn: IsoDate,
  startOn: IsoDate.nullable().default(null),
  completionDue: IsoDate.nullable().default(null),
  deliverables: z.array(DeliverableBody).max(200).default([]),
});

export const ContractPatchBody = z.object({
  startOn: IsoDate.nullable().optional(),
  completionDue: IsoDate.nullable().optional(),
  acceptedOn: IsoDate.nullable().optional(),
});

export const DeliverableDoneBody = z.object({ doneOn: IsoDate.nullable() });

export const InvoiceBody = z.object({
  invoiceNo: Text(60).min(1),
  amountFen: Fen.positive(),
  issuedOn: IsoDate,
  /** 发票项目: what was bought, checked against the forbidden uses (F4). */
  itemName: Text(200).nullable().optional(),
});

export const PaymentBody = z.object({
  paidOn: IsoDate,
  amountFen: Fen.positive(),
  note: Text(500).default(""),
  invoices: z.array(InvoiceBody).max(50).default([]),
});

export const STATION_CHARGE_KINDS = ["deposit", "guarantee", "equipment", "other"] as const;

export const StationChargeBody = z.object({
  stationNo: Text(60).min(1),
  kind: z.enum(STATION_CHARGE_KINDS),
  amountFen: Fen.positive(),
  chargedOn: IsoDate,
  note: Text(500).default(""),
});
