/** How tenders, contracts and the county's funds summary are shown (camelCase, flags beside each). */

import type { Lang } from "../../rules/funds";
import { TENDER_METHODS } from "../../rules/procurement";
import type { ContractAnalysis, FundsAnalysis, TenderAnalysis } from "./analyze-funds";
import { STATION_CHARGE_NAMES } from "./analyze-funds";

export function presentTender({ tender, bidders, flags, deadlineM2 }: TenderAnalysis, lang: Lang) {
  return {
    id: tender.id,
    tenderNo: tender.tender_no,
    title: tender.title,
    method: tender.method,
    methodName: TENDER_METHODS.find((m) => m.key === tender.method)?.name[lang] ?? tender.method,
    estimateFen: tender.estimate_fen,
    lineKeys: JSON.parse(tender.line_keys_json) as string[],
    announcedOn: tender.announced_on,
    documentsIssuedOn: tender.documents_issued_on,
    bidDeadline: tender.bid_deadline,
    awardedOn: tender.awarded_on,
    awardBidderId: tender.award_bidder_id,
    awardFen: tender.award_fen,
    status: tender.status,
    responsiblePerson: tender.responsible_person,
    bidders: bidders.map((b) => ({
      id: b.id,
      name: b.name,
      creditCode: b.credit_code,
      address: b.address,
      phone: b.phone,
      contact: b.contact,
      bidFen: b.bid_fen,
      isWinner: b.id === tender.award_bidder_id,
    })),
    redFlags: flags,
    deadlineM2,
    isDemo: tender.is_demo === 1,
  };
}

export function presentContract(c: ContractAnalysis, lang: Lang) {
  const { contract } = c;
  return {
    id: contract.id,
    contractNo: contract.contract_no,
    title: contract.title,
    tenderId: contract.tender_id,
    contractorName: contract.contractor_name,
    contractorOrgId: contract.contractor_org_id,
    contractorResponsible: contract.contractor_responsible,
    amountFen: contract.amount_fen,
    lineKeys: c.lineKeys,
    coveredPlanFen: c.coveredPlanFen,
    signedOn: contract.signed_on,
    startOn: contract.start_on,
    completionDue: contract.completion_due,
    acceptedOn: contract.accepted_on,
    deliverables: c.deliverables.map((d) => ({
      id: d.id,
      name: d.name,
      amountFen: d.amount_fen,
      dueOn: d.due_on,
      doneOn: d.done_on,
      isDone: d.done_on !== null,
    })),
    payments: c.payments.map((p) => ({
      id: p.id,
      paidOn: p.paid_on,
      amountFen: p.amount_fen,
      note: p.note,
      invoicedFen: p.invoicedFen,
      isInvoiceShort: p.invoicedFen < p.amount_fen,
      invoices: p.invoices.map((i) => ({
        id: i.id,
        invoiceNo: i.invoice_no,
        amountFen: i.amount_fen,
        issuedOn: i.issued_on,
        itemName: i.item_name,
        fileName: i.file_name,
        hasFile: i.file_path !== null,
      })),
    })),
    stationCharges: c.charges.map((s) => ({
      id: s.id,
      stationNo: s.station_no,
      kind: s.kind,
      kindName: (STATION_CHARGE_NAMES[s.kind] ?? STATION_CHARGE_NAMES.other!)[lang],
      amountFen: s.amount_fen,
      chargedOn: s.charged_on,
      note: s.note,
      rule: "F8",
    })),
    paidFen: c.paidFen,
    paidBp: contract.amount_fen > 0 ? Math.floor((c.paidFen * 10000) / contract.amount_fen) : 0,
    paymentCheck: c.paymentCheck,
    redFlags: c.flags,
    problems: c.problems,
    isDemo: contract.is_demo === 1,
  };
}

/** The county's funds at a glance: plan status, deadlines M1/M2, progress (E4), flags. */
export function presentFundsSummary(a: FundsAnalysis) {
  return {
    asOf: a.asOf,
    subsidyFen: a.subsidyFen,
    plan: a.plan
      ? {
          id: a.plan.id,
          version: a.plan.version,
          status: a.plan.status,
          isChange: a.plan.is_change === 1,
          isReady: a.review?.isReady ?? false,
          totalFen: a.review?.totalFen ?? 0,
          openForbidden: a.review?.openForbidden.length ?? 0,
        }
      : null,
    planInEffectId: a.planInEffect?.id ?? null,
    planFiledOn: a.original?.filed_on ?? null,
    planApprovedOn: a.original?.approved_on ?? null,
    deadlines: a.deadlines,
    progress: a.progress,
    unapprovedChanges: a.unapprovedChanges,
    tenders: a.tenders.length,
    tendersWithRedFlags: a.tenders.filter((t) => t.flags.length > 0).length,
    redFlags:
      a.tenders.reduce((s, t) => s + t.flags.length, 0) + a.contracts.reduce((s, c) => s + c.flags.length, 0),
    contracts: a.contracts.length,
    contractedFen: a.contracts.reduce((s, c) => s + c.contract.amount_fen, 0),
    paymentProblems: a.contracts.flatMap((c) => c.problems.map((p) => `${c.contract.contract_no}：${p}`)),
  };
}
