/**
 * The checks of the funds domain over one county's snapshot, as of a date: the plan as it stood
 * (F2–F4), tender red flags (F5, T3, M2), contract flags (F2, F6, E3), payments (F7), charges to
 * stations (F8) and progress (E4). Views, facts, the province table and exports all read this.
 */

import { DEFAULT_FUND_DEADLINES, type FundPlanReview } from "../../rules/fund-plan";
import {
  constructionProgressBp,
  DEFAULT_PROGRESS_SETTINGS,
  disbursementProgressBp,
  isProgressAtRisk,
} from "../../rules/fund-progress";
import type { Lang } from "../../rules/funds";
import { checkPayments, type PaymentResult } from "../../rules/funds";
import { formatYuan } from "../../rules/money";
import {
  contractRedFlags,
  type DeadlineStatus,
  deadlineStatus,
  type RedFlag,
  type TenderMethod,
  tenderRedFlags,
} from "../../rules/procurement";
import { filedOriginal, planAsOf, planInEffect } from "./fund-plans.repository";
import type { ContractTable, FundPlanTable } from "./funds.tables";
import type { FundsSnapshot } from "./funds-snapshot.repository";
import { reviewPlanLines } from "./present-fund-plan";

/** 押金 · 保证金 · 设备购买 · 其他 — the names rule F8 forbids charging stations under. */
export const STATION_CHARGE_NAMES: Record<string, { zh: string; en: string }> = {
  deposit: { zh: "押金", en: "a deposit" },
  guarantee: { zh: "保证金", en: "a guarantee" },
  equipment: { zh: "设备购买费", en: "an equipment purchase" },
  other: { zh: "其他费用", en: "another fee" },
};

const parseKeys = (json: string): string[] => {
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === "string") : [];
};

/** A change version whose content was contracted before the province approved it (E3 evidence). */
export type UnapprovedChange = { planId: string; version: number; contracts: string[] };

/**
 * Rule E3 evidence: contracts signed for plan lines that no plan in effect held on the signing day,
 * grouped by the change version that introduced them. Lines only of a not-yet-filed original are
 * the F6 flag "signed before the plan was filed" instead.
 */
export function findUnapprovedChanges(snapshot: FundsSnapshot, asOf: string): UnapprovedChange[] {
  const keysOf = (plan: FundPlanTable | undefined) =>
    new Set(plan ? snapshot.lines.filter((l) => l.plan_id === plan.id).map((l) => l.line_key) : []);
  const byVersion = new Map<string, UnapprovedChange>();
  const changes = snapshot.versions
    .filter((v) => v.is_change && v.prepared_on <= asOf)
    .sort((a, b) => a.version - b.version);
  for (const contract of snapshot.contracts) {
    if (contract.signed_on > asOf) continue;
    const inEffect = keysOf(planInEffect(snapshot.versions, contract.signed_on));
    for (const key of parseKeys(contract.line_keys_json)) {
      if (inEffect.has(key)) continue;
      const origin = changes.find((v) =>
        snapshot.lines.some((l) => l.plan_id === v.id && l.line_key === key),
      );
      if (!origin) continue;
      const entry = byVersion.get(origin.id) ?? { planId: origin.id, version: origin.version, contracts: [] };
      if (!entry.contracts.includes(contract.contract_no)) entry.contracts.push(contract.contract_no);
      byVersion.set(origin.id, entry);
    }
  }
  return [...byVersion.values()];
}

export type TenderAnalysis = {
  tender: FundsSnapshot["tenders"][number];
  bidders: FundsSnapshot["bidders"];
  flags: RedFlag[];
  deadlineM2: DeadlineStatus;
};

export type ContractAnalysis = {
  contract: ContractTable;
  lineKeys: string[];
  /** Sum of the covered lines in the plan in effect on asOf; null when it names no line. */
  coveredPlanFen: number | null;
  deliverables: FundsSnapshot["deliverables"];
  payments: (FundsSnapshot["payments"][number] & {
    invoices: FundsSnapshot["invoices"];
    invoicedFen: number;
  })[];
  charges: FundsSnapshot["charges"];
  paidFen: number;
  paymentCheck: PaymentResult | null;
  flags: RedFlag[];
  /** F7 and F8 problems of this contract, in the request's language. */
  problems: string[];
};

export type FundsAnalysis = {
  asOf: string;
  subsidyFen: number;
  plan: FundPlanTable | undefined;
  planInEffect: FundPlanTable | undefined;
  original: FundPlanTable | undefined;
  review: FundPlanReview | undefined;
  tenders: TenderAnalysis[];
  contracts: ContractAnalysis[];
  unapprovedChanges: UnapprovedChange[];
  progress: {
    constructionBp: number;
    disbursementBp: number;
    paidFen: number;
    plannedFen: number;
    doneFen: number;
    isAtRisk: boolean;
  };
  deadlines: {
    m1: { dueOn: string; doneOn: string | null; status: DeadlineStatus };
    m2: { dueOn: string; doneOn: string | null; status: DeadlineStatus };
  };
};

export function analyzeFunds(snapshot: FundsSnapshot, asOf: string, lang: Lang): FundsAnalysis {
  const yuan = (fen: number) => formatYuan(fen, lang === "zh" ? "元" : "yuan");
  const plan = planAsOf(snapshot.versions, asOf);
  const inEffect = planInEffect(snapshot.versions, asOf);
  const original = filedOriginal(snapshot.versions.filter((v) => (v.filed_on ?? "9999") <= asOf));
  const review = plan
    ? reviewPlanLines(
        plan,
        snapshot.lines.filter((l) => l.plan_id === plan.id),
        lang,
      )
    : undefined;
  const effectiveLines = inEffect ? snapshot.lines.filter((l) => l.plan_id === inEffect.id) : [];

  const tenders = snapshot.tenders.map((tender) => {
    const bidders = snapshot.bidders.filter((b) => b.tender_id === tender.id);
    const flags = tenderRedFlags(
      {
        method: tender.method as TenderMethod,
        estimateFen: tender.estimate_fen,
        documentsIssuedOn: tender.documents_issued_on,
        bidDeadline: tender.bid_deadline,
        awardedOn: tender.awarded_on && tender.awarded_on <= asOf ? tender.awarded_on : null,
        awardFen: tender.awarded_on && tender.awarded_on <= asOf ? tender.award_fen : null,
        bidders: bidders.map((b) => ({
          name: b.name,
          address: b.address,
          phone: b.phone,
          contact: b.contact,
          bidFen: b.bid_fen,
        })),
      },
      asOf,
      { lang, tendersFinishedBy: DEFAULT_FUND_DEADLINES.tendersFinishedBy },
    );
    const deadlineM2 = deadlineStatus(tender.awarded_on, DEFAULT_FUND_DEADLINES.tendersFinishedBy, asOf);
    return { tender, bidders, flags, deadlineM2 };
  });

  const unapprovedChanges = findUnapprovedChanges(snapshot, asOf);
  const contracts: ContractAnalysis[] = snapshot.contracts
    .filter((c) => c.signed_on <= asOf)
    .map((contract) => {
      const lineKeys = parseKeys(contract.line_keys_json);
      const covered = effectiveLines.filter((l) => lineKeys.includes(l.line_key));
      const atSigning = planInEffect(snapshot.versions, contract.signed_on);
      const keysAtSigning = new Set(
        atSigning ? snapshot.lines.filter((l) => l.plan_id === atSigning.id).map((l) => l.line_key) : [],
      );
      const payments = snapshot.payments
        .filter((p) => p.contract_id === contract.id && p.paid_on <= asOf)
        .map((p) => {
          const invoices = snapshot.invoices.filter((i) => i.payment_id === p.id);
          return { ...p, invoices, invoicedFen: invoices.reduce((s, i) => s + i.amount_fen, 0) };
        });
      const charges = snapshot.charges.filter((c) => c.contract_id === contract.id && c.charged_on <= asOf);
      const paidFen = payments.reduce((s, p) => s + p.amount_fen, 0);
      const problems: string[] = [];
      let paymentCheck: PaymentResult | null = null;
      if (contract.start_on && contract.start_on <= asOf) {
        paymentCheck = checkPayments(
          {
            contractFen: contract.amount_fen,
            accepted: !!contract.accepted_on && contract.accepted_on <= asOf,
            started: contract.start_on,
            payments: payments.map((p) => ({ date: p.paid_on, amountFen: p.amount_fen })),
          },
          { lang },
        );
        problems.push(...paymentCheck.problems.map((p) => p.reason));
      } else if (payments.length) {
        problems.push(
          lang === "zh"
            ? `合同尚未开工即拨付 ${yuan(paidFen)}；项目开工后方可拨付（规则 F7）`
            : `${yuan(paidFen)} paid before the project started; pay only after the start (rule F7)`,
        );
      }
      for (const charge of charges) {
        const name = STATION_CHARGE_NAMES[charge.kind] ?? STATION_CHARGE_NAMES.other!;
        problems.push(
          lang === "zh"
            ? `${charge.charged_on} 向站点 ${charge.station_no} 收取${name.zh} ${yuan(charge.amount_fen)}；承办企业不得向站点收取押金、保证金或设备购买等费用（规则 F8）`
            : `${charge.charged_on}: station ${charge.station_no} was charged ${name.en} of ${yuan(charge.amount_fen)}; contractors may not charge stations deposits, guarantees or equipment (rule F8)`,
        );
      }
      const flags = contractRedFlags(
        {
          amountFen: contract.amount_fen,
          signedOn: contract.signed_on,
          coveredPlanFen: lineKeys.length ? covered.reduce((s, l) => s + l.amount_fen, 0) : null,
          planFiledOn: original?.filed_on ?? null,
          linesOutsidePlan: lineKeys.filter((k) => !keysAtSigning.has(k)).length,
        },
        { lang },
      );
      return {
        contract,
        lineKeys,
        coveredPlanFen: lineKeys.length ? covered.reduce((s, l) => s + l.amount_fen, 0) : null,
        deliverables: snapshot.deliverables.filter((d) => d.contract_id === contract.id),
        payments,
        charges,
        paidFen,
        paymentCheck,
        flags,
        problems,
      };
    });

  const deliverables = contracts.flatMap((c) => c.deliverables);
  const paidFen = contracts.reduce((s, c) => s + c.paidFen, 0);
  const plannedFen = deliverables.reduce((s, d) => s + d.amount_fen, 0);
  const doneFen = deliverables
    .filter((d) => d.done_on && d.done_on <= asOf)
    .reduce((s, d) => s + d.amount_fen, 0);
  const constructionBp = constructionProgressBp(
    deliverables.map((d) => ({ amountFen: d.amount_fen, doneOn: d.done_on })),
    asOf,
    snapshot.county.subsidyFen,
  );
  const disbursementBp = disbursementProgressBp(paidFen, snapshot.county.subsidyFen);

  // M2: every tender that was not cancelled finished (awarded); done on the last award.
  const live = snapshot.tenders.filter((t) => t.status !== "cancelled");
  const allAwarded = live.length > 0 && live.every((t) => t.awarded_on && t.awarded_on <= asOf);
  const lastAward = allAwarded
    ? live
        .map((t) => t.awarded_on!)
        .sort()
        .at(-1)!
    : null;

  return {
    asOf,
    subsidyFen: snapshot.county.subsidyFen,
    plan,
    planInEffect: inEffect,
    original,
    review,
    tenders,
    contracts,
    unapprovedChanges,
    progress: {
      constructionBp,
      disbursementBp,
      paidFen,
      plannedFen,
      doneFen,
      isAtRisk: isProgressAtRisk({ constructionBp, disbursementBp }, DEFAULT_PROGRESS_SETTINGS),
    },
    deadlines: {
      m1: {
        dueOn: DEFAULT_FUND_DEADLINES.planFiledBy,
        doneOn: original?.filed_on ?? null,
        status: deadlineStatus(original?.filed_on, DEFAULT_FUND_DEADLINES.planFiledBy, asOf),
      },
      m2: {
        dueOn: DEFAULT_FUND_DEADLINES.tendersFinishedBy,
        doneOn: lastAward,
        status: deadlineStatus(lastAward, DEFAULT_FUND_DEADLINES.tendersFinishedBy, asOf),
      },
    },
  };
}
