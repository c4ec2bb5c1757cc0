/**
 * A county's contracting processes as an Open Contracting Data Standard 1.1.5 release package
 * (rule T3: the selection method, process and result are published). One `ocid` per tender; a
 * contract signed without a recorded tender is a process of its own (a direct award).
 *
 * Planning carries the fund arrangement's budget and its public notice as an `engagement`
 * milestone; contracts carry deliverables (`delivery`) and the F7 payment schedule (`payment`
 * milestones: 60% first advance, 30% to 90% before acceptance, 10% after), with payments as
 * `implementation.transactions`. What OCDS lacks (responsible persons, the notice window and
 * objections, T1/T2) goes in a small local extension declared in the package.
 */
import type { Lang } from "../../rules/funds";
import { DEFAULT_PAYMENT_SETTINGS } from "../../rules/funds";
import { TENDER_METHODS } from "../../rules/procurement";
import type { ContractAnalysis, FundsAnalysis, TenderAnalysis } from "./analyze-funds";
import type { FundsSnapshot } from "./funds-snapshot.repository";

/** Settings of the export a province administrator may change. */
export type OcdsSettings = {
  /** Without a prefix registered with the Open Contracting Partnership, a local one. */
  ocidPrefix: string;
  publisherName: string;
  currency: string;
};

export const DEFAULT_OCDS_SETTINGS: OcdsSettings = {
  ocidPrefix: "ocds-shifan",
  publisherName: "电子商务进农村综合示范平台（示范）",
  currency: "CNY",
};

/** Paths of the local extension, relative to the API root (extension.json + release-schema.json). */
export const OCDS_EXTENSION_PATH = "/api/v1/ocds/extension";

// OCDS dates are date-times; our dates are China calendar days.
const at = (date: string | null | undefined) => (date ? `${date}T00:00:00+08:00` : null);
const pruneNulls = <T>(value: T): T => {
  if (Array.isArray(value)) return value.map(pruneNulls) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, pruneNulls(v)]),
    ) as T;
  }
  return value;
};

type Party = {
  id: string;
  name: string;
  roles: string[];
  identifier?: object;
  address?: object;
  contactPoint?: object;
};

export type OcdsContext = {
  snapshot: FundsSnapshot;
  analysis: FundsAnalysis;
  /** Absolute base URL of the API server, e.g. https://shifan.example.gov.cn */
  baseUrl: string;
  publishedDate: string;
  settings?: Partial<OcdsSettings>;
  lang?: Lang;
  /** Contracts ended early (K2), with the tender that replaced them. */
  terminations?: OcdsTermination[];
};

export type OcdsTermination = {
  id: string;
  contractId: string;
  terminatedOn: string;
  reason: string;
  decision: string;
  replacementTenderId: string | null;
};

export function buildOcdsReleasePackage(context: OcdsContext) {
  const s = { ...DEFAULT_OCDS_SETTINGS, ...context.settings };
  const { snapshot, analysis } = context;
  const county = snapshot.county;
  const money = (fen: number | null | undefined) =>
    fen === null || fen === undefined ? null : { amount: fen / 100, currency: s.currency };
  const buyer = { id: `CN-GOV-${county.code}`, name: `${county.name}人民政府（商务主管部门）` };
  const plan = analysis.planInEffect ?? analysis.plan;
  const planLines = plan ? snapshot.lines.filter((l) => l.plan_id === plan.id) : [];
  const original = analysis.original ?? plan;
  const objections = original ? snapshot.objections.filter((o) => o.plan_id === original.id) : [];

  const planning = (lineKeys: readonly string[]) => {
    const lines = planLines.filter((l) => lineKeys.includes(l.line_key));
    return {
      rationale: plan ? `${county.name}电子商务进农村综合示范资金安排意见（第${plan.version}版）` : null,
      budget: plan
        ? {
            id: plan.id,
            description: lines.map((l) => l.description).join("；") || null,
            amount: money(lines.reduce((sum, l) => sum + l.amount_fen, 0)),
            project: `${county.name}电子商务进农村综合示范项目`,
            projectID: county.code,
          }
        : null,
      milestones: original?.notice_start
        ? [
            {
              id: `notice-${original.id}`,
              title: "资金安排意见公示（不少于10个工作日，规则 F6）",
              type: "engagement",
              dueDate: at(original.notice_last_day),
              dateMet: original.filed_on ? at(original.notice_last_day) : null,
              status: original.filed_on ? "met" : "scheduled",
            },
            {
              id: `filing-${original.id}`,
              title: "资金安排意见报省备案（M1）",
              type: "approval",
              dueDate: at(analysis.deadlines.m1.dueOn),
              dateMet: at(original.filed_on),
              status:
                analysis.deadlines.m1.status === "met"
                  ? "met"
                  : analysis.deadlines.m1.status === "missed"
                    ? "notMet"
                    : "scheduled",
            },
          ]
        : [],
      // Local extension: the public window of rule F6 and the objections it drew (T2).
      publicNotice: original?.notice_start
        ? {
            period: { startDate: at(original.notice_start), endDate: at(original.notice_last_day) },
            workingDays: original.notice_working_days,
            earliestSubmission: at(original.notice_earliest_submission),
            objections: objections.length,
            objectionsResolved: objections.filter((o) => o.resolved_on).length,
          }
        : null,
    };
  };

  const terminations = context.terminations ?? [];
  const contractBlock = (c: ContractAnalysis, awardId: string, supplier: { id: string; name: string }) => {
    const contract = c.contract;
    // OCDS 1.1 `terminated` covers completion and early termination alike: say which (K2).
    const ended = terminations.find((t) => t.contractId === contract.id);
    const amount = contract.amount_fen;
    const firstBp = DEFAULT_PAYMENT_SETTINGS.firstAdvanceMinBp;
    const capBp = 10000 - DEFAULT_PAYMENT_SETTINGS.retainageBp;
    const reachedOn = (bp: number) => {
      let running = 0;
      for (const p of c.payments) {
        running += p.amount_fen;
        if (running * 10000 >= amount * bp) return p.paid_on;
      }
      return null;
    };
    const schedule = [
      {
        id: "payment-first-advance",
        title: "首期预拨（不低于60%，规则 F7）",
        bp: firstBp,
        due: contract.start_on,
      },
      { id: "payment-progress", title: "进度款（累计至90%）", bp: capBp, due: contract.completion_due },
      { id: "payment-retainage", title: "尾款10%（验收通过后）", bp: 10000, due: contract.accepted_on },
    ].map((m) => {
      const met = reachedOn(m.bp);
      return {
        id: m.id,
        title: m.title,
        type: "payment",
        dueDate: at(m.due),
        dateMet: at(met),
        status: met ? "met" : "scheduled",
      };
    });
    return {
      id: contract.id,
      awardID: awardId,
      title: contract.title,
      status: ended || contract.accepted_on ? "terminated" : "active",
      description: ended
        ? `提前终止（${ended.terminatedOn}）：${ended.reason}；决定：${ended.decision}（规则 K2）`
        : contract.accepted_on
          ? `验收通过（${contract.accepted_on}），合同履行完毕`
          : null,
      period: {
        startDate: at(contract.start_on),
        endDate: at(ended ? ended.terminatedOn : contract.completion_due),
      },
      amendments: ended
        ? [
            {
              id: `termination-${ended.id}`,
              date: at(ended.terminatedOn),
              rationale: `提前终止：${ended.reason}`,
              description: ended.decision,
            },
          ]
        : null,
      value: money(amount),
      dateSigned: at(contract.signed_on),
      milestones: [
        ...c.deliverables.map((d) => ({
          id: `delivery-${d.id}`,
          title: d.name,
          type: "delivery",
          dueDate: at(d.due_on),
          dateMet: at(d.done_on),
          status: d.done_on ? "met" : "scheduled",
          value: money(d.amount_fen),
        })),
        ...schedule,
      ],
      implementation: {
        transactions: c.payments.map((p) => ({
          id: p.id,
          date: at(p.paid_on),
          value: money(p.amount_fen),
          payer: buyer,
          payee: supplier,
        })),
      },
      // Local extension: responsible persons (T1).
      responsiblePersons: contract.contractor_responsible
        ? [
            {
              name: contract.contractor_responsible,
              role: "contractorResponsible",
              organizationId: supplier.id,
            },
          ]
        : [],
    };
  };

  const releases = [];
  const contractsWithTender = new Set<string>();
  // A replacement tender (K2) continues the terminated contract's process: the same ocid.
  const ocidOfContract = (contractId: string) => {
    const c = analysis.contracts.find((x) => x.contract.id === contractId)?.contract;
    return c ? `${s.ocidPrefix}-${county.code}-${c.tender_id ?? c.id}` : null;
  };
  const continues = new Map(
    terminations
      .filter((t) => t.replacementTenderId && ocidOfContract(t.contractId))
      .map((t) => [t.replacementTenderId as string, ocidOfContract(t.contractId) as string]),
  );
  for (const t of analysis.tenders) {
    const contracts = analysis.contracts.filter((c) => c.contract.tender_id === t.tender.id);
    for (const c of contracts) contractsWithTender.add(c.contract.id);
    releases.push(tenderRelease(t, contracts));
  }
  for (const c of analysis.contracts.filter((c) => !contractsWithTender.has(c.contract.id))) {
    releases.push(directRelease(c));
  }

  function release(
    ocid: string,
    dates: (string | null | undefined)[],
    parties: Party[],
    body: object,
    tags: string[],
  ) {
    const latest =
      dates
        .filter((d): d is string => !!d)
        .sort()
        .at(-1) ?? context.publishedDate;
    // Releases sharing an ocid (a replacement tender) are told apart by their own process id.
    const own = (body as { tender?: { id: string } }).tender?.id;
    const suffix = own && !ocid.endsWith(own) ? `-${own.slice(0, 8)}` : "";
    return pruneNulls({
      ocid,
      id: `${ocid}-${latest.replace(/[^0-9]/g, "").slice(0, 14)}${suffix}`,
      date: latest.length === 10 ? at(latest)! : latest,
      tag: tags,
      initiationType: "tender",
      language: "zh",
      parties: [{ ...buyer, roles: ["buyer", "procuringEntity", "payer"] }, ...parties],
      buyer,
      ...body,
    });
  }

  function tenderRelease({ tender, bidders }: TenderAnalysis, contracts: ContractAnalysis[]) {
    const ocid = continues.get(tender.id) ?? `${s.ocidPrefix}-${county.code}-${tender.id}`;
    const winner = bidders.find((b) => b.id === tender.award_bidder_id);
    const partyId = (id: string) => `bidder-${id}`;
    const parties: Party[] = bidders.map((b) => ({
      id: partyId(b.id),
      name: b.name,
      roles: b.id === winner?.id ? ["tenderer", "supplier", "payee"] : ["tenderer"],
      identifier: b.credit_code ? { scheme: "CN-USCC", id: b.credit_code, legalName: b.name } : undefined,
      address: b.address ? { streetAddress: b.address, countryName: "中国" } : undefined,
      contactPoint: b.contact || b.phone ? { name: b.contact, telephone: b.phone } : undefined,
    }));
    const awardId = `award-${tender.id}`;
    const supplier = winner ? { id: partyId(winner.id), name: winner.name } : undefined;
    // Contracts signed with someone other than the recorded winner still name their contractor.
    for (const c of contracts) {
      if (supplier && c.contract.contractor_name === supplier.name) continue;
      parties.push({
        id: `contractor-${c.contract.id}`,
        name: c.contract.contractor_name,
        roles: ["supplier", "payee"],
      });
    }
    const method = TENDER_METHODS.find((m) => m.key === tender.method);
    const lineKeys = [
      ...new Set([
        ...(JSON.parse(tender.line_keys_json) as string[]),
        ...contracts.flatMap((c) => c.lineKeys),
      ]),
    ];
    const tags = ["planning", "tender"];
    if (tender.awarded_on) tags.push("award");
    if (contracts.length) tags.push("contract");
    if (contracts.some((c) => c.payments.length || c.deliverables.some((d) => d.done_on)))
      tags.push("implementation");
    return release(
      ocid,
      [
        tender.updated_at,
        ...contracts.map((c) => c.contract.updated_at),
        ...contracts.flatMap((c) => c.payments.map((p) => p.created_at)),
      ],
      parties,
      {
        planning: planning(lineKeys),
        tender: {
          id: tender.id,
          title: tender.title,
          status:
            tender.status === "awarded" ? "complete" : tender.status === "cancelled" ? "cancelled" : "active",
          procuringEntity: buyer,
          value: money(tender.estimate_fen),
          procurementMethod: method?.ocds ?? null,
          procurementMethodDetails: method?.name.zh ?? tender.method,
          tenderPeriod: {
            startDate: at(tender.documents_issued_on ?? tender.announced_on),
            endDate: at(tender.bid_deadline),
          },
          numberOfTenderers: bidders.length,
          tenderers: bidders.map((b) => ({ id: partyId(b.id), name: b.name })),
          // Local extension: responsible persons (T1).
          responsiblePersons: tender.responsible_person
            ? [{ name: tender.responsible_person, role: "countyResponsible", organizationId: buyer.id }]
            : [],
        },
        awards:
          tender.awarded_on && supplier
            ? [
                {
                  id: awardId,
                  status: "active",
                  date: at(tender.awarded_on),
                  value: money(tender.award_fen),
                  suppliers: [supplier],
                },
              ]
            : [],
        contracts: contracts.map((c) =>
          contractBlock(
            c,
            awardId,
            supplier && c.contract.contractor_name === supplier.name
              ? supplier
              : { id: `contractor-${c.contract.id}`, name: c.contract.contractor_name },
          ),
        ),
      },
      tags,
    );
  }

  function directRelease(c: ContractAnalysis) {
    const ocid = `${s.ocidPrefix}-${county.code}-${c.contract.id}`;
    const supplier = { id: `contractor-${c.contract.id}`, name: c.contract.contractor_name };
    const awardId = `award-${c.contract.id}`;
    const tags = ["planning", "award", "contract"];
    if (c.payments.length || c.deliverables.some((d) => d.done_on)) tags.push("implementation");
    return release(
      ocid,
      [c.contract.updated_at, ...c.payments.map((p) => p.created_at)],
      [{ ...supplier, roles: ["supplier", "payee"] }],
      {
        planning: planning(c.lineKeys),
        awards: [
          {
            id: awardId,
            title: "未登记招标的合同（直接签订）",
            status: "active",
            date: at(c.contract.signed_on),
            value: money(c.contract.amount_fen),
            suppliers: [supplier],
          },
        ],
        contracts: [contractBlock(c, awardId, supplier)],
      },
      tags,
    );
  }

  return pruneNulls({
    uri: `${context.baseUrl}/api/v1/counties/${county.code}/ocds`,
    version: "1.1",
    extensions: [`${context.baseUrl}${OCDS_EXTENSION_PATH}/extension.json`],
    publishedDate: context.publishedDate,
    publisher: { name: s.publisherName },
    releases,
  });
}

/** The local extension's extension.json (OCDS extension metadata). */
export function ocdsExtensionMetadata() {
  return {
    name: { en: "Shifan: responsible persons and public windows", zh: "示范：责任人与公示窗口" },
    description: {
      en: "Adds the responsible persons of the county and the contractor (rule T1) and the public notice window of the fund arrangement with its objections (rules F6, T2).",
      zh: "增加县级与承办企业责任人（T1），以及资金安排意见公示期与异议情况（F6、T2）。",
    },
    compatibility: ["1.1"],
    schemas: ["release-schema.json"],
  };
}

/** The extension's release-schema.json: a JSON merge patch to the OCDS release schema. */
export function ocdsExtensionReleaseSchema() {
  const date = { type: ["string", "null"], format: "date-time" };
  const persons = {
    title: "Responsible persons",
    description: "Persons responsible for the project, by role (countyResponsible, contractorResponsible).",
    type: "array",
    items: { $ref: "#/definitions/ResponsiblePerson" },
  };
  return {
    definitions: {
      ResponsiblePerson: {
        title: "Responsible person",
        type: "object",
        properties: {
          name: { type: ["string", "null"] },
          role: { type: ["string", "null"] },
          organizationId: { type: ["string", "null"] },
        },
      },
      PublicNotice: {
        title: "Public notice",
        description: "The public notice of the fund arrangement (at least 10 working days, rule F6).",
        type: "object",
        properties: {
          period: { $ref: "#/definitions/Period" },
          workingDays: { type: ["integer", "null"] },
          earliestSubmission: date,
          objections: { type: ["integer", "null"] },
          objectionsResolved: { type: ["integer", "null"] },
        },
      },
      Planning: { properties: { publicNotice: { $ref: "#/definitions/PublicNotice" } } },
      Tender: { properties: { responsiblePersons: persons } },
      Contract: { properties: { responsiblePersons: persons } },
      Milestone: { properties: { value: { $ref: "#/definitions/Value" } } },
    },
  };
}
