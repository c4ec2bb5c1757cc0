/**
 * The contractor's landing (issue 18.3), scoped by its account: the county it works in and the
 * contractor organization (承办企业) the account belongs to. It lists that organization's contracts
 * (payments and deliverables), the reports it owes as a reporter (信息报送, R4: due, overdue or
 * returned), and its ingest tokens with the sheets each one feeds — never a token's text, which is
 * shown once at creation. An account linked to no organization sees no contract or token.
 */
import { REPORT_KIND_NAMES } from "../../rules/reporting";
import { analyzeFunds, loadFundsSnapshot } from "../funds/index";
import { listIngestTokens } from "../operations/index";
import { organizationNames } from "../organizations/index";
import type { Db } from "../platform/db/database";
import { countyReportingStatus } from "../reporting/index";

/** What each ingest kind feeds: the workbook sheet (and columns) it stands in for. */
export const INGEST_KIND_SHEETS = {
  orders: "站点月报（代购单数、交易额）",
  shipments: "物流（运单）",
  uptime: "站点月报（上线率）",
} as const;

export type ContractorHome = {
  asOf: string;
  county: { code: string; name: string };
  organization: { id: string; name: string } | null;
  contracts: {
    contractNo: string;
    title: string;
    amountFen: number;
    paidFen: number;
    signedOn: string;
    completionDue: string | null;
    acceptedOn: string | null;
    deliverables: { done: number; total: number };
    link: string;
  }[];
  reports: {
    kind: string;
    title: string;
    period: string;
    dueOn: string;
    state: "due" | "overdue" | "returned";
    link: string;
  }[];
  tokens: {
    id: string;
    name: string;
    hint: string;
    sheets: string[];
    stations: number | null;
    createdAt: string;
    lastUsedAt: string | null;
    revokedAt: string | null;
  }[];
};

export async function contractorHome(options: {
  db: Db;
  userId: string;
  county: { code: string; name: string };
  asOf: string;
}): Promise<ContractorHome> {
  const { db, county, asOf } = options;
  const base = `/counties/${county.code}`;
  const user = await db.db
    .selectFrom("users")
    .select("organization_id")
    .where("id", "=", options.userId)
    .executeTakeFirst();
  const orgId = user?.organization_id ?? null;
  const names = await organizationNames(db.db, [orgId]);
  const organization = orgId ? { id: orgId, name: names.get(orgId) ?? "" } : null;
  if (!organization) return { asOf, county, organization, contracts: [], reports: [], tokens: [] };

  const snapshot = await loadFundsSnapshot(db.db, county.code);
  const funds = snapshot ? analyzeFunds(snapshot, asOf, "zh") : undefined;
  const contracts = (funds?.contracts ?? [])
    .filter((c) => c.contract.contractor_org_id === organization.id)
    .map((c) => ({
      contractNo: c.contract.contract_no,
      title: c.contract.title,
      amountFen: Number(c.contract.amount_fen),
      paidFen: c.paidFen,
      signedOn: c.contract.signed_on,
      completionDue: c.contract.completion_due,
      acceptedOn: c.contract.accepted_on,
      deliverables: {
        done: c.deliverables.filter((d) => d.done_on && d.done_on <= asOf).length,
        total: c.deliverables.length,
      },
      link: `${base}/procurement`,
    }));

  const reporting = await countyReportingStatus(db.db, county.code, asOf);
  const reports = reporting.due
    .filter((d) => d.slot.reporterKey === organization.id)
    .map((d) => ({
      kind: d.slot.kind,
      title: `${d.slot.period} ${REPORT_KIND_NAMES[d.slot.kind as keyof typeof REPORT_KIND_NAMES]?.zh ?? d.slot.kind}`,
      period: d.slot.period,
      dueOn: d.slot.dueOn,
      state: d.state,
      link: d.reportId ? `${base}/reporting?report=${d.reportId}` : `${base}/reporting`,
    }));

  const tokens = (await listIngestTokens(db.db, county.code))
    .filter((t) => t.organizationId === organization.id)
    .map((t) => ({
      id: t.id,
      name: t.name,
      hint: t.hint,
      sheets: [
        ...new Set(
          (t.kinds ?? (["orders", "shipments", "uptime"] as const)).map((k) => INGEST_KIND_SHEETS[k]),
        ),
      ],
      stations: t.stationCodes ? t.stationCodes.length : null,
      createdAt: t.createdAt,
      lastUsedAt: t.lastUsedAt,
      revokedAt: t.revokedAt,
    }));
  return { asOf, county, organization, contracts, reports, tokens };
}
