/**
 * The permissions matrix: every route of the app × every kind of account × its own county, another
 * county and no account at all, against an explicit table of who may call what. A route that is not
 * in the table fails the test, so a new route cannot ship without a decision about its access.
 *
 * "Passes" means the request got past every access check (any status but 401/403, never a 5xx —
 * usually 200, 400 for the empty body or 404 for the made-up id); "refused" is 403; anonymous
 * callers of non-public routes get 401. Where a handler narrows access after validating the body
 * (assessors, reporters, approvers), the table gives a body valid enough to reach that check.
 */
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_DIR } from "../../src/server/app";
import { grantCountyAccess } from "../../src/server/platform/auth/grants";
import type { Role } from "../../src/server/platform/auth/roles";
import { chinaDate } from "../../src/server/platform/time/china-time";
import { newTrackingNo } from "../../src/server/reporting/public/submit-public-message";
import { reportingDb } from "../../src/server/reporting/reporting-db";
import { buildTestApp, errorCode, sessionCookie, signedIn } from "../support/app";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";

const OWN = "130533"; // 威县, 邢台市 1305: every account below belongs here (or above it)
const OTHER = "130131"; // 平山县, 石家庄市 1301
const FAKE_ID = "00000000-0000-4000-8000-000000000000";

type County = typeof OWN | typeof OTHER;

/** The accounts of the matrix and, explicitly, which of the two counties each reaches. */
type Account = {
  key: string;
  role: Role;
  region: string;
  /** Counties whose data it reads. */
  reads: County[];
  /** Counties whose administrative data it changes (village registry, plans, column…). */
  administers: County[];
  grant?: County;
  /** A station manager's account bound to the county's station (the phone app, issue 20). */
  bound?: County;
};

const ACCOUNTS: Account[] = [
  {
    key: "province_admin",
    role: "province_admin",
    region: "13",
    reads: [OWN, OTHER],
    administers: [OWN, OTHER],
  },
  { key: "province_viewer", role: "province_viewer", region: "13", reads: [OWN, OTHER], administers: [] },
  { key: "city_viewer", role: "city_viewer", region: "1305", reads: [OWN], administers: [] },
  // 市商务局: reads its city's counties and reviews their acceptance filings (K1).
  { key: "city_admin", role: "city_admin", region: "1305", reads: [OWN], administers: [] },
  { key: "county_admin", role: "county_admin", region: OWN, reads: [OWN], administers: [OWN] },
  { key: "county_viewer", role: "county_viewer", region: OWN, reads: [OWN], administers: [] },
  { key: "contractor", role: "contractor", region: OWN, reads: [OWN], administers: [] },
  { key: "station_manager", role: "station_manager", region: OWN, reads: [OWN], administers: [] },
  // A township's station manager reads its township, not the county's pages.
  {
    key: "station_manager_township",
    role: "station_manager",
    region: `${OWN}100`,
    reads: [],
    administers: [],
  },
  // Assessors read only the counties that invited them, whatever their region.
  { key: "assessor_granted", role: "assessor", region: "13", reads: [OWN], administers: [], grant: OWN },
  { key: "assessor", role: "assessor", region: "13", reads: [], administers: [] },
  // The phone app's account: bound to one station, scoped to its village, reads no county page.
  { key: "station_bound", role: "station_manager", region: "", reads: [], administers: [], bound: OWN },
];

/**
 * Who may call a route:
 * - public: anyone, signed in or not;
 * - signed_in: any account (the handler shows each only what it reaches);
 * - read: accounts that read the :code county (or the entity's county);
 * - administer: province admins and the county's own admin;
 * - county_admin: the county's own admin only (the province reviews, it does not answer);
 * - province_admin: province admins only;
 * - province_level: province admins and viewers and city viewers;
 * - reach: any account that reads at least one demonstration county;
 * - admin_role: province or county admins (their own region checked by the handler);
 * - assessor: an assessor the county invited;
 * - e5_decider: an assessor the county invited, or a province admin (who may decide E5 only);
 * - reporter: the county's admin (a contractor's account reports only for its organization);
 * - report_reader: readers of the county, but a contractor's account only its organization's reports;
 * - approver: county, city or province approvers that reach the county (R2);
 * - station_issuer: admins of the county and its contractor (station accounts and their QR codes);
 * - station_app: an account bound to a station (the phone app), whatever the county;
 * - station_reader: readers of the station's county, and the account bound to that station;
 * - device_token: machines with an ingest token; a session cookie counts for nothing.
 * - step_<role>: the K1 procedure step taken by that role, for a county it reads (contractor
 *   applies, county files, city and province review); rectifier: the county's admin or its assessor;
 *   uploader: any account that takes a step (not viewers or station managers).
 * - complaint_handler (for fields, see FIELDS): those who handle the county's comments and
 *   complaints, its own admin and province admins (canSeeComplainants).
 */
type Policy =
  | "public"
  | "signed_in"
  | "read"
  | "administer"
  | "county_admin"
  | "province_admin"
  | "province_level"
  | "reach"
  | "admin_role"
  | "assessor"
  | "e5_decider"
  | "reporter"
  | "report_reader"
  | "approver"
  | "device_token"
  | "station_issuer"
  | "station_app"
  | "station_reader"
  | "complaint_handler"
  | "step_contractor"
  | "step_county"
  | "step_city"
  | "step_province"
  | "rectifier"
  | "uploader"
  | "own_assessor"
  | "own_contractor";

/** A body, or one built from the addressed report's current version (to reach the role check). */
type Body = unknown | ((current: { version: number }) => unknown);

type Entry = Policy | { who: Policy; body?: Body; ids?: "report" | "station" };

const EMPTY_MONTH = {
  countyEcommerceFen: null,
  ruralOnlineRetailFen: null,
  agriculturalOnlineRetailFen: null,
  projects: [],
  issues: "",
};

/** The expectations, keyed by `${method} ${url}` as in app.routeTable. */
const MATRIX: Record<string, Entry> = {
  // platform
  "GET /api/v1/openapi.json": "public",
  "GET /api/v1/health": "public",
  "GET /api/v1/default-as-of": "public",
  "GET /api/v1/counties/:code/todo": "read",
  // landings (issue 18.3): each role's own page, scoped inside by grants or organization
  "GET /api/v1/home/assessor": "own_assessor",
  "GET /api/v1/home/contractor": "own_contractor",
  "POST /api/v1/session": "public",
  "GET /api/v1/session": "signed_in",
  "DELETE /api/v1/session": "public",
  "POST /api/v1/session/password": "signed_in",
  // Creating a province admin: only a province admin gets past the role check (to the 400 for the
  // too-short username); the whole creator × role grid is the escalation test below.
  "POST /api/v1/users": {
    who: "province_admin",
    body: { username: "x", role: "province_admin", regionCode: "13", password: "x" },
  },
  "GET /api/v1/counties/:code/assessors": "read",
  "POST /api/v1/counties/:code/assessors": "administer",
  "DELETE /api/v1/counties/:code/assessors/:username": "administer",
  "GET /api/v1/audit": "province_admin",
  "GET /api/v1/audit/verify": "province_admin",
  "GET /api/v1/audit/checkpoint": "province_admin",
  "GET /api/v1/workbook/template.xlsx": "public",
  "POST /api/v1/counties/:code/workbook": "administer",
  "GET /api/v1/counties/:code/workbook/progress/:id": "administer",
  // Also a contractor of the county for its contracts' sheets: the matrix's contractor has none.
  "GET /api/v1/counties/:code/workbook/sheets": "administer",
  // counties and organizations
  "GET /api/v1/counties": "public",
  "GET /api/v1/counties.xlsx": "public",
  "GET /api/v1/counties/:code": "public",
  "GET /api/v1/organizations": "signed_in",
  "POST /api/v1/organizations": {
    who: "admin_role",
    body: { name: "（测试）矩阵单位", kind: "contractor", regionCode: OWN, creditCode: "bad" },
  },
  // network
  "GET /api/v1/counties/:code/villages": "read",
  "GET /api/v1/counties/:code/stations": "read",
  // Its readers, and the phone app's account of that very station (its village is its region).
  "GET /api/v1/stations/:id": { who: "station_reader", ids: "station" },
  "POST /api/v1/counties/:code/stations": "administer",
  "PATCH /api/v1/counties/:code/stations/:id": "administer",
  "GET /api/v1/counties/:code/facilities": "read",
  "POST /api/v1/counties/:code/facilities": "administer",
  "PATCH /api/v1/counties/:code/facilities/:id": "administer",
  "POST /api/v1/counties/:code/photos": "administer",
  "GET /api/v1/counties/:code/photos": "read",
  "GET /api/v1/counties/:code/photos/:id": "read",
  "PUT /api/v1/counties/:code/townships/:township/express": "administer",
  "GET /api/v1/counties/:code/coverage": "read",
  "POST /api/v1/counties/:code/coverage/what-if": "read", // a calculation, writes nothing
  "GET /api/v1/counties/:code/village-map": "read",
  "GET /api/v1/network/coverage": "reach",
  "GET /api/v1/network/coverage.xlsx": "reach",
  // calendar
  "GET /api/v1/calendar/:year": "signed_in",
  "GET /api/v1/calendar/overrides": "province_admin",
  "PUT /api/v1/calendar/overrides/:date": "province_admin",
  "DELETE /api/v1/calendar/overrides/:date": "province_admin",
  // funds (public calculators first)
  "GET /api/v1/rules/notice-period": "public",
  "POST /api/v1/rules/fund-plan": "public",
  "POST /api/v1/rules/payment": "public",
  "GET /api/v1/counties/:code/funds/plans": "read",
  "GET /api/v1/counties/:code/funds/plans/:planId": "read",
  "POST /api/v1/counties/:code/funds/plans": "administer",
  "PUT /api/v1/counties/:code/funds/plans/:planId/lines": "administer",
  "POST /api/v1/counties/:code/funds/plans/:planId/lines/:lineId/clearance": "administer",
  "POST /api/v1/counties/:code/funds/plans/:planId/notice": "administer",
  "POST /api/v1/counties/:code/funds/plans/:planId/objections": "administer",
  "POST /api/v1/counties/:code/funds/plans/:planId/objections/:objectionId/resolution": "administer",
  "POST /api/v1/counties/:code/funds/plans/:planId/filing": "administer",
  "POST /api/v1/counties/:code/funds/plans/:planId/decision": "province_admin",
  "GET /api/v1/counties/:code/funds/tenders": "read",
  "POST /api/v1/counties/:code/funds/tenders": "administer",
  "PUT /api/v1/counties/:code/funds/tenders/:tenderId": "administer",
  "POST /api/v1/counties/:code/funds/tenders/:tenderId/award": "administer",
  "GET /api/v1/counties/:code/funds/contracts": "read",
  "POST /api/v1/counties/:code/funds/contracts": "administer",
  "PATCH /api/v1/counties/:code/funds/contracts/:contractId": "administer",
  "POST /api/v1/counties/:code/funds/contracts/:contractId/deliverables/:deliverableId/done": "administer",
  "POST /api/v1/counties/:code/funds/contracts/:contractId/payments": "administer",
  "POST /api/v1/counties/:code/funds/contracts/:contractId/station-charges": "administer",
  "POST /api/v1/counties/:code/funds/contracts/:contractId/payments/:paymentId/invoices/:invoiceId/file":
    "administer",
  "GET /api/v1/counties/:code/funds/contracts/:contractId/payments/:paymentId/invoices/:invoiceId/file":
    "read",
  "GET /api/v1/counties/:code/funds/summary": "read",
  "GET /api/v1/counties/:code/funds/progress": "read",
  "GET /api/v1/funds/overview": "signed_in",
  "GET /api/v1/funds/overview.xlsx": "signed_in",
  "GET /api/v1/counties/:code/ocds": "read",
  "GET /api/v1/ocds/extension/extension.json": "public",
  "GET /api/v1/ocds/extension/release-schema.json": "public",
  "GET /api/v1/counties/:code/funds/ledger.xlsx": "read",
  // operations
  "GET /api/v1/counties/:code/operations": "read",
  "GET /api/v1/counties/:code/operations/stations/:station": "read",
  "GET /api/v1/operations/province": "reach",
  "GET /api/v1/operations/province.xlsx": "reach",
  "GET /api/v1/counties/:code/operations/fee-benchmarks": "read",
  "PUT /api/v1/counties/:code/operations/fee-benchmarks": "administer",
  "GET /api/v1/counties/:code/ingest-tokens": "administer",
  "POST /api/v1/counties/:code/ingest-tokens": "administer",
  "DELETE /api/v1/counties/:code/ingest-tokens/:id": "administer",
  "POST /api/v1/ingest/:kind": "device_token",
  // the station manager's phone app (issue 20)
  "GET /api/v1/counties/:code/station-accounts": "station_issuer",
  "POST /api/v1/counties/:code/station-accounts": "station_issuer",
  "POST /api/v1/counties/:code/station-accounts/:id/sign-in-link": "station_issuer",
  "POST /api/v1/counties/:code/station-accounts/:id/revoke": "station_issuer",
  "POST /api/v1/station-app/session": "public",
  "GET /api/v1/station-app/me": "station_app",
  "POST /api/v1/station-app/sync": "station_app",
  "GET /api/v1/counties/:code/data-quality-flags": "read",
  "GET /api/v1/operations/data-quality-flags": "reach",
  "GET /api/v1/counties/:code/data-quality-flags/:id": "read",
  "POST /api/v1/counties/:code/data-quality-flags/:id/resolve": {
    who: "county_admin",
    body: { reason: "核实：数据真实（矩阵测试）" },
  },
  // upward (product upward, training, traceability)
  "GET /api/v1/counties/:code/upward/summary": "read",
  "GET /api/v1/counties/:code/training/summary": "read",
  "GET /api/v1/counties/:code/training/courses": "read",
  "PUT /api/v1/counties/:code/training/courses/:course": "administer",
  "GET /api/v1/counties/:code/training/attendances": "read",
  "GET /api/v1/counties/:code/training/attendances.xlsx": "read",
  "DELETE /api/v1/counties/:code/training/attendances/:id": "administer",
  "GET /api/v1/counties/:code/poor-households": "read",
  "GET /api/v1/counties/:code/poor-households.xlsx": "read",
  "GET /api/v1/counties/:code/poor-households/coverage": "read",
  "GET /api/v1/counties/:code/training/followups": "read",
  "POST /api/v1/counties/:code/training/followups": "administer",
  "GET /api/v1/counties/:code/training/followups/stats": "read",
  ...registerRoutes("product-surveys"),
  ...registerRoutes("local-products"),
  ...registerRoutes("brands"),
  ...registerRoutes("developed-products"),
  ...registerRoutes("circulation-standards"),
  ...registerRoutes("platform-listings"),
  ...registerRoutes("incubated-shops"),
  ...registerRoutes("trace/enterprises"),
  ...registerRoutes("trace/sites"),
  "GET /api/v1/counties/:code/trace/batches": "read",
  // outcomes (year figures, poor households' sales, staff, the records of K3–K6)
  "GET /api/v1/counties/:code/outcomes/summary": "read",
  "GET /api/v1/counties/:code/outcomes/poor-household-sales": "read",
  "POST /api/v1/counties/:code/outcomes/poor-household-sales": "administer",
  "PUT /api/v1/counties/:code/outcomes/poor-household-sales/:id": "administer",
  "DELETE /api/v1/counties/:code/outcomes/poor-household-sales/:id": "administer",
  "GET /api/v1/counties/:code/outcomes/years": "read",
  "GET /api/v1/counties/:code/outcomes/years.xlsx": "read",
  "PUT /api/v1/counties/:code/outcomes/years/:year": "administer",
  "DELETE /api/v1/counties/:code/outcomes/years/:year": "administer",
  "GET /api/v1/counties/:code/outcomes/staff": "read",
  "POST /api/v1/counties/:code/outcomes/staff": "administer",
  "PUT /api/v1/counties/:code/outcomes/staff/:id": "administer",
  "DELETE /api/v1/counties/:code/outcomes/staff/:id": "administer",
  ...registerRoutes("outcomes/leading-group"),
  ...registerRoutes("outcomes/joint-meetings"),
  ...registerRoutes("outcomes/inspections"),
  "POST /api/v1/counties/:code/outcomes/inspections/:id/photos": "administer",
  "GET /api/v1/counties/:code/outcomes/inspections/:id/photos/:photoId": "read",
  "DELETE /api/v1/counties/:code/outcomes/inspections/:id/photos/:photoId": "administer",
  ...registerRoutes("outcomes/typical-cases"),
  ...registerRoutes("outcomes/research-reports"),
  ...registerRoutes("outcomes/recognitions"),
  ...registerRoutes("outcomes/upgraded-enterprises"),
  ...registerRoutes("outcomes/market-records"),
  ...registerRoutes("outcomes/poverty-channel-listings"),
  ...registerRoutes("outcomes/direct-supply-links"),
  "POST /api/v1/counties/:code/trace/batches": "administer",
  "GET /api/v1/counties/:code/trace/batches/:batchId": "read",
  "POST /api/v1/counties/:code/trace/batches/:batchId/events": "administer",
  "POST /api/v1/counties/:code/trace/batches/:batchId/events/:eventId/void": "administer",
  // reporting and the transparency column
  "GET /api/v1/counties/:code/liaisons": "read",
  "POST /api/v1/counties/:code/liaisons": "administer",
  "PUT /api/v1/counties/:code/liaisons/:id": "administer",
  "DELETE /api/v1/counties/:code/liaisons/:id": "administer",
  "POST /api/v1/counties/:code/liaisons/filing": "administer",
  "GET /api/v1/counties/:code/reporting/status": "read",
  "GET /api/v1/counties/:code/reports": "read",
  "POST /api/v1/counties/:code/reports": {
    who: "reporter",
    body: { kind: "monthly", period: "2017-01", reporterKey: "county" },
  },
  "GET /api/v1/counties/:code/reports/:id": { who: "report_reader", ids: "report" },
  // The stale-version check comes before the reporter check: the current version reaches it.
  "PUT /api/v1/counties/:code/reports/:id": {
    who: "reporter",
    ids: "report",
    body: ({ version }: { version: number }) => ({ version, content: EMPTY_MONTH }),
  },
  "POST /api/v1/counties/:code/reports/:id/submit": {
    who: "reporter",
    ids: "report",
    body: ({ version }: { version: number }) => ({ version }),
  },
  "POST /api/v1/counties/:code/reports/:id/approve": {
    who: "approver",
    ids: "report",
    body: { version: 99 },
  },
  "POST /api/v1/counties/:code/reports/:id/return": {
    who: "approver",
    ids: "report",
    body: { version: 99, comment: "退回" },
  },
  "POST /api/v1/counties/:code/reports/:id/reopen": {
    who: "approver",
    ids: "report",
    body: { version: 99, comment: "重开" },
  },
  "POST /api/v1/counties/:code/reports/:id/reassemble": {
    who: "reporter",
    ids: "report",
    body: ({ version }: { version: number }) => ({ version }),
  },
  "GET /api/v1/counties/:code/reports/:id/export.json": { who: "report_reader", ids: "report" },
  "GET /api/v1/counties/:code/reports/:id/export.xlsx": { who: "report_reader", ids: "report" },
  "GET /api/v1/counties/:code/daily-reports": "read",
  "POST /api/v1/counties/:code/daily-reports": "administer",
  "GET /api/v1/reporting/overview": "signed_in",
  "GET /api/v1/reporting/overview.xlsx": "signed_in",
  "GET /api/v1/counties/:code/reporting/exceptions": "read",
  "POST /api/v1/counties/:code/reporting/exceptions": "province_admin",
  "DELETE /api/v1/counties/:code/reporting/exceptions/:id": "province_admin",
  "GET /api/v1/reporting/settings": "signed_in",
  "PUT /api/v1/reporting/settings": "province_admin",
  "GET /api/v1/reporting/deliveries": "province_admin",
  "POST /api/v1/reporting/deliveries/:id/retry": "province_admin",
  "GET /api/v1/columns/:code": "read",
  "GET /api/v1/columns/:code/completeness": "read",
  "PUT /api/v1/columns/:code": "administer",
  "POST /api/v1/columns/:code/entries": "administer",
  "PUT /api/v1/columns/:code/entries/:id": "administer",
  "DELETE /api/v1/columns/:code/entries/:id": "administer",
  "POST /api/v1/columns/:code/projects": "administer",
  "PATCH /api/v1/columns/:code/projects/:id": "administer",
  "DELETE /api/v1/columns/:code/projects/:id": "administer",
  "POST /api/v1/columns/:code/documents": "administer",
  "POST /api/v1/columns/:code/documents/upload": "administer",
  "DELETE /api/v1/columns/:code/documents/:id": "administer",
  "GET /api/v1/columns/:code/messages": "read",
  "POST /api/v1/columns/:code/messages/:id/reply": "administer",
  "GET /api/v1/public-messages": "signed_in",
  // acceptance
  "GET /api/v1/counties/:code/scorecard": "read",
  "GET /api/v1/counties/:code/acceptance": "read",
  // A veto item takes clear/triggered: "pass" is refused (400) once past the role check.
  "POST /api/v1/counties/:code/acceptance/decisions": {
    who: "e5_decider",
    body: { itemId: "E5", status: "pass", note: "" },
  },
  "POST /api/v1/counties/:code/acceptance/evidence": "e5_decider", // refused before the upload is read
  "POST /api/v1/counties/:code/acceptance/sign": { who: "assessor", body: { asOf: "2018-12-31" } },
  "GET /api/v1/counties/:code/acceptance-report.docx": "read",
  "GET /api/v1/counties/:code/acceptance-report.xlsx": "read",
  "GET /api/v1/counties/:code/acceptance-report.html": "read",
  "GET /api/v1/counties/:code/performance": "read",
  "GET /api/v1/acceptance/province": "province_level",
  "GET /api/v1/acceptance/province.xlsx": "province_level",
  "GET /api/v1/acceptance/standard": "signed_in",
  "POST /api/v1/acceptance/standard/versions": "province_admin",
  "GET /api/v1/counties/:code/timeline": "read",
  // the acceptance procedure (K1), retainage (F7), contractor replacement (K2), M5
  "GET /api/v1/counties/:code/procedure": "read",
  "POST /api/v1/counties/:code/procedure/documents": "uploader", // refused before the upload is read
  "GET /api/v1/counties/:code/procedure/documents/:id": "read",
  "POST /api/v1/counties/:code/procedure/application": {
    who: "step_contractor",
    body: { date: "2018-08-01" },
  },
  "POST /api/v1/counties/:code/procedure/commission": {
    who: "step_county",
    body: { date: "2018-08-10", agency: "矩阵评估机构", qualification: "资质证书" },
  },
  "POST /api/v1/counties/:code/procedure/filing": {
    who: "step_county",
    body: { date: "2018-09-20", auditFirm: "矩阵会计师事务所", auditConclusion: "无保留意见" },
  },
  "POST /api/v1/counties/:code/procedure/city-review": {
    who: "step_city",
    body: { date: "2018-09-28", decision: "approved" },
  },
  "POST /api/v1/counties/:code/procedure/province-review": {
    who: "step_province",
    body: { date: "2018-10-15", decision: "approved" },
  },
  "POST /api/v1/counties/:code/procedure/spot-check": {
    who: "step_province",
    body: { date: "2018-10-20", sites: [{ kind: "station", ref: "M-1" }] },
  },
  "POST /api/v1/counties/:code/rectifications": {
    who: "rectifier",
    body: {
      source: "item",
      ref: "A3",
      problem: "覆盖率不足",
      owner: "县商务局",
      openedOn: "2018-10-01",
      workingDays: 10,
    },
  },
  "POST /api/v1/counties/:code/rectifications/:id/events": {
    who: "step_county",
    body: { kind: "evidence", date: "2018-10-02", note: "已整改" },
  },
  "POST /api/v1/counties/:code/funds/contracts/:contractId/retainage": {
    who: "county_admin",
    body: { paidOn: "2018-10-31", invoices: [] },
  },
  "POST /api/v1/counties/:code/funds/contracts/:contractId/termination": {
    who: "county_admin",
    body: {
      terminatedOn: "2018-05-01",
      reason: "无法运营",
      decision: "县商务局决定",
      handover: [{ kind: "data", description: "数据" }],
    },
  },
  "POST /api/v1/counties/:code/terminations/:id/replacement": {
    who: "county_admin",
    body: { tenderId: FAKE_ID, contractId: FAKE_ID },
  },
  "POST /api/v1/counties/:code/handover-items/:id/check": {
    who: "county_admin",
    body: { checkedOn: "2018-10-01" },
  },
  "POST /api/v1/counties/:code/performance-filing": { who: "county_admin", body: { filedOn: "2018-11-15" } },
  "GET /api/v1/acceptance/performance-publications": "signed_in",
  "POST /api/v1/acceptance/performance-publications": {
    who: "province_admin",
    body: { publishedOn: "2018-12-20", typicalCounties: [] },
  },
};

/**
 * Response fields some callers of a route do not get, and who does: the route table declares them
 * (config.restrictedFields) and every route whose responses carry such a field must be listed.
 */
const FIELDS: Record<string, Record<string, Policy>> = {
  "GET /api/v1/columns/:code/messages": {
    contactName: "complaint_handler",
    contactPhone: "complaint_handler",
  },
  "GET /api/v1/public-messages": { contactName: "complaint_handler", contactPhone: "complaint_handler" },
};

/** The county registers of the upward domain share one shape: read by readers, kept by admins. */
function registerRoutes(path: string): Record<string, Entry> {
  const base = `/api/v1/counties/:code/${path}`;
  return {
    [`GET ${base}`]: "read",
    [`GET ${base}.xlsx`]: "read",
    [`POST ${base}`]: "administer",
    [`PUT ${base}/:id`]: "administer",
    [`DELETE ${base}/:id`]: "administer",
  };
}

/** The public pages outside /api (server-rendered, no account): every one must be listed. */
const PAGES: Record<string, "public"> = {
  "GET /gk": "public",
  "GET /gk/track": "public",
  "GET /gk/:code": "public",
  "GET /gk/:code/documents/:id": "public",
  "GET /gk/:code/windows/:kind": "public",
  "POST /gk/:code/windows/:kind": "public",
  "GET /t/:code": "public",
  "GET /t/:code.json": "public",
  "GET /t/:code.svg": "public",
  "GET /t/:code.png": "public",
};

function allows(policy: Policy, account: Account, county: County | undefined): boolean {
  const reads = county ? account.reads.includes(county) : false;
  switch (policy) {
    case "public":
    case "signed_in":
      return true;
    case "read":
      return reads;
    case "administer":
      return county ? account.administers.includes(county) : false;
    case "county_admin":
      return account.role === "county_admin" && !!county && account.administers.includes(county);
    case "province_admin":
      return account.role === "province_admin";
    case "province_level":
      return ["province_admin", "province_viewer", "city_viewer", "city_admin"].includes(account.role);
    case "reach":
      return account.reads.length > 0;
    case "admin_role":
      return account.role === "province_admin" || account.role === "county_admin";
    case "assessor":
      return account.role === "assessor" && reads;
    case "e5_decider":
      return (account.role === "assessor" && reads) || account.role === "province_admin";
    case "reporter":
      return account.role === "county_admin" && !!county && account.administers.includes(county);
    case "report_reader":
      // This contractor's account has no organization, so it reads no county's reports (R1).
      return reads && account.role !== "contractor";
    case "approver":
      return ["province_admin", "city_viewer", "county_admin"].includes(account.role) && reads;
    case "device_token":
      return false;
    case "station_issuer":
      return county
        ? account.administers.includes(county) || (account.role === "contractor" && reads)
        : false;
    case "station_app":
      return account.bound !== undefined;
    case "station_reader":
      return reads || (!!county && account.bound === county);
    case "complaint_handler":
      return county ? account.administers.includes(county) : false;
    case "step_contractor":
      return account.role === "contractor" && reads;
    case "step_county":
      return account.role === "county_admin" && reads;
    case "step_city":
      return account.role === "city_admin" && reads;
    case "step_province":
      return account.role === "province_admin";
    case "rectifier":
      return ["county_admin", "assessor"].includes(account.role) && reads;
    case "own_assessor":
      return account.role === "assessor";
    case "own_contractor":
      return account.role === "contractor";
    case "uploader":
      return (
        ["contractor", "county_admin", "assessor", "city_admin", "province_admin"].includes(account.role) &&
        reads
      );
  }
}

/** 'pass' (got past access control), 403 or 401. */
function expected(policy: Policy, account: Account | undefined, county: County | undefined) {
  if (policy === "device_token") return 401;
  if (!account) return policy === "public" ? "pass" : 401;
  return allows(policy, account, county) ? "pass" : 403;
}

const classOf = (status: number) => (status === 401 || status === 403 ? status : "pass");

/** Every route of the app, pages and static files included, read from the router's own tree. */
function routerRoutes(app: FastifyInstance): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const prefixes: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const m = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const url = (depth > 0 ? prefixes[depth - 1]! : "") + m[2]!;
    prefixes[depth] = url;
    prefixes.length = depth + 1;
    for (const method of m[3]?.split(", ") ?? []) if (method !== "HEAD") routes.push({ method, url });
  }
  return routes;
}

describe.each(DIALECTS)("the permissions matrix on %s", (dialect) => {
  let db: TestDb;
  let app: FastifyInstance;
  const cookies = new Map<string, string>();
  const ids = { station: {} as Record<County, string>, report: {} as Record<County, string> };

  beforeAll(async () => {
    db = await createTestDb(dialect, { counties: [OWN, OTHER] });
    app = await buildTestApp(db);
    for (const account of ACCOUNTS) {
      if (account.bound) continue; // created below, once its station exists
      const { cookie, username } = await signedIn(app, db, account.role, account.region);
      cookies.set(account.key, cookie);
      if (account.grant) {
        await grantCountyAccess(db.db, { id: null, name: "test" }, { username, countyCode: account.grant });
      }
    }
    // One real station and one real report in each county, for the routes addressed by id.
    const province = cookies.get("province_admin")!;
    const settings = await app.inject({
      method: "PUT",
      url: "/api/v1/reporting/settings",
      headers: { cookie: province },
      payload: { reporting: { firstMonth: "2018-01", lastMonth: null, entryClosesAfterDays: 60 } },
    });
    expect(settings.statusCode).toBe(200);
    const today = chinaDate();
    const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    const period = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
    for (const county of [OWN, OTHER] as County[]) {
      const village = await db.db
        .selectFrom("regions")
        .select("code")
        .where("level", "=", "village")
        .where("county_code", "=", county)
        .where("village_kind", "=", "village_committee")
        .where("parent_code", "<>", `${OWN}100`) // outside the township station manager's township
        .orderBy("code")
        .executeTakeFirstOrThrow();
      const station = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${county}/stations`,
        headers: { cookie: province },
        payload: { stationNo: `M-${county}`, villageCode: village.code },
      });
      expect(station.statusCode, station.body).toBe(201);
      ids.station[county] = station.json().id;
      const admin =
        county === OWN
          ? cookies.get("county_admin")!
          : (await signedIn(app, db, "county_admin", county)).cookie;
      const report = await app.inject({
        method: "POST",
        url: `/api/v1/counties/${county}/reports`,
        headers: { cookie: admin },
        payload: { kind: "monthly", period, reporterKey: "county" },
      });
      expect(report.statusCode, report.body).toBe(201);
      ids.report[county] = report.json().id;
      // The phone app's account, bound to this station, signed in with its QR link.
      for (const account of ACCOUNTS.filter((a) => a.bound === county)) {
        const created = await app.inject({
          method: "POST",
          url: `/api/v1/counties/${county}/station-accounts`,
          headers: { cookie: province },
          payload: {
            stationId: ids.station[county],
            username: `matrix${account.key}`,
            displayName: "矩阵站长",
          },
        });
        expect(created.statusCode, created.body).toBe(201);
        const token = decodeURIComponent(created.json().url.split("#t=")[1]);
        const phone = await app.inject({
          method: "POST",
          url: "/api/v1/station-app/session",
          payload: { token },
        });
        expect(phone.statusCode, phone.body).toBe(200);
        cookies.set(account.key, sessionCookie(phone));
      }
      // A complaint with the sender's contact details (the FIELDS test).
      await reportingDb(db.db)
        .insertInto("transparency_messages")
        .values({
          id: randomUUID(),
          region_code: county,
          kind: "complaint",
          tracking_no: newTrackingNo("complaint", "2018-03-01"),
          subject: "站点收取押金",
          body: "某村服务站要求缴纳设备押金。",
          contact_name: `举报人${county}`,
          contact_phone: "13700000000",
          status: "received",
          is_published: 0,
          reply: null,
          replied_by: null,
          replied_at: null,
          submitted_at: "2018-03-01T20:15:00+08:00",
          handled_at: null,
          is_demo: 0,
        })
        .execute();
    }
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it("has an entry for every route, and no entry for a route that is gone", () => {
    const keys = app.routeTable.map((r) => `${r.method} ${r.url}`);
    const missing = keys.filter((k) => !(k in MATRIX));
    expect(missing, "new route without an entry in the permissions matrix").toEqual([]);
    expect(
      Object.keys(MATRIX).filter((k) => !keys.includes(k)),
      "entries for routes that are gone",
    ).toEqual([]);
    // Routes without a county in the path cannot be judged per county unless addressed by id.
    for (const route of app.routeTable) {
      const entry = MATRIX[`${route.method} ${route.url}`]!;
      const { who, ids: byId } = typeof entry === "string" ? { who: entry, ids: undefined } : entry;
      if (!route.url.includes(":code") && !byId) {
        expect(
          ["read", "administer", "county_admin", "assessor", "reporter", "approver"],
          route.url,
        ).not.toContain(who);
      }
    }
    // The route table's access classes agree with the matrix where they speak for themselves.
    for (const route of app.routeTable) {
      const entry = MATRIX[`${route.method} ${route.url}`]!;
      const who = typeof entry === "string" ? entry : entry.who;
      if (route.access === "public") expect(who, route.url).toBe("public");
      if (who === "public") expect(route.access, route.url).toBe("public");
    }
  });

  it("gives restricted response fields only to their access class", async () => {
    const declared = Object.fromEntries(
      app.routeTable
        .filter((r) => r.restrictedFields)
        .map((r) => [`${r.method} ${r.url}`, r.restrictedFields]),
    );
    expect(declared).toEqual(FIELDS);
    // Any response schema carrying one of these fields belongs to a route that declares it.
    const spec = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    const restrictedNames = new Set(Object.values(FIELDS).flatMap((f) => Object.keys(f)));
    for (const [path, operations] of Object.entries<Record<string, { responses?: unknown }>>(spec.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const text = JSON.stringify(operation.responses ?? {});
        const url = path.replace(/\{(\w+)\}/g, ":$1");
        for (const name of restrictedNames) {
          if (text.includes(`"${name}"`)) {
            const key = `${method.toUpperCase()} ${url}`;
            // Routes only complaint handlers may call (the reply) need not hide anything.
            const entry = MATRIX[key];
            const who = typeof entry === "object" ? entry.who : entry;
            if (who === "administer" || who === "county_admin") continue;
            expect(FIELDS[key]?.[name], `${key} returns ${name}`).toBeDefined();
          }
        }
      }
    }
    const wrong: string[] = [];
    for (const [key, fields] of Object.entries(FIELDS)) {
      const url = key.split(" ")[1]!;
      for (const account of ACCOUNTS) {
        for (const county of url.includes(":code") ? [OWN, OTHER] : [undefined]) {
          const res = await app.inject({
            method: "GET",
            url: url.replace(":code", county ?? OWN),
            headers: { cookie: cookies.get(account.key)! },
          });
          if (res.statusCode !== 200) continue; // the route's own access is the matrix below
          const items: Record<string, unknown>[] = res.json();
          for (const item of items) {
            const itemCounty = item.regionCode as County;
            for (const [field, policy] of Object.entries(fields)) {
              const want = allows(policy, account, itemCounty);
              if (field in item !== want) wrong.push(`${key} as ${account.key} on ${itemCounty}: ${field}`);
              if (want && item.kind === "complaint" && !item[field]) wrong.push(`${key}: ${field} empty`);
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    // The table is not vacuous: the county's admin sees its complainant, its contractor does not.
    const seen = async (key: string) =>
      (
        await app.inject({
          method: "GET",
          url: `/api/v1/columns/${OWN}/messages`,
          headers: { cookie: cookies.get(key)! },
        })
      ).json()[0];
    expect(await seen("county_admin")).toMatchObject({
      contactName: `举报人${OWN}`,
      contactPhone: "13700000000",
    });
    const contractorView = await seen("contractor");
    expect(contractorView).toMatchObject({ kind: "complaint", subject: "站点收取押金" });
    expect(JSON.stringify(contractorView)).not.toContain("13700000000");
  });

  it("lists every page outside /api, all of them public", async () => {
    const pages = routerRoutes(app).filter(
      (r) => !r.url.startsWith("/api/") && !(r.url.length > 1 && existsSync(join(WEB_DIR, r.url.slice(1)))),
    );
    // The router tree parse must see the API routes too, or it would see nothing at all.
    const seen = new Set(routerRoutes(app).map((r) => `${r.method} ${r.url}`));
    for (const r of app.routeTable) expect(seen.has(`${r.method} ${r.url}`), r.url).toBe(true);
    const keys = pages.map((r) => `${r.method} ${r.url}`);
    expect(
      keys.filter((k) => !(k in PAGES)),
      "new page without an entry",
    ).toEqual([]);
    expect(
      Object.keys(PAGES).filter((k) => !keys.includes(k)),
      "entries for pages that are gone",
    ).toEqual([]);
    for (const key of keys) {
      const [method, url] = key.split(" ") as [string, string];
      const concrete = url.replace(":code", OWN).replace(":kind", "comment").replace(/:\w+/g, "x1");
      for (const cookie of [undefined, cookies.get("county_viewer")]) {
        const res = await app.inject({
          method: method as "GET",
          url: concrete,
          headers: cookie ? { cookie } : {},
          payload: method === "GET" ? undefined : "",
        });
        expect([401, 403], `${key} → ${res.statusCode}`).not.toContain(res.statusCode);
        expect(res.statusCode, key).toBeLessThan(500);
      }
    }
  });

  it("does not let an account reach another county's entity through its own county's path", async () => {
    const admin = cookies.get("county_admin")!;
    const viaOwn = [
      { method: "GET", url: `/api/v1/counties/${OWN}/reports/${ids.report[OTHER]}` },
      { method: "GET", url: `/api/v1/counties/${OWN}/reports/${ids.report[OTHER]}/export.json` },
      {
        method: "PUT",
        url: `/api/v1/counties/${OWN}/reports/${ids.report[OTHER]}`,
        payload: { version: 1, content: EMPTY_MONTH },
      },
      {
        method: "PATCH",
        url: `/api/v1/counties/${OWN}/stations/${ids.station[OTHER]}`,
        payload: { areaTenths: 1 },
      },
    ] as const;
    for (const c of viaOwn) {
      const res = await app.inject({
        method: c.method,
        url: c.url,
        headers: { cookie: admin },
        payload: "payload" in c ? c.payload : undefined,
      });
      expect(res.statusCode, `${c.method} ${c.url}`).toBe(404);
    }
    const station = await app.inject({
      method: "GET",
      url: `/api/v1/stations/${ids.station[OTHER]}`,
      headers: { cookie: admin },
    });
    expect(station.statusCode).toBe(403);
  });

  it("lets no account create an account above its own reach (no escalation)", async () => {
    /** Who may create which role where: province admins anything, county admins their own staff. */
    const mayCreate = (creator: Account, role: Role, region: string) =>
      creator.role === "province_admin" ||
      (creator.role === "county_admin" &&
        ["county_viewer", "contractor", "station_manager"].includes(role) &&
        region.startsWith(OWN));
    const targets: { role: Role; region: string }[] = [
      { role: "province_admin", region: "13" },
      { role: "province_viewer", region: "13" },
      { role: "city_viewer", region: "1305" },
      { role: "county_admin", region: OWN },
      { role: "county_admin", region: OTHER },
      { role: "county_viewer", region: OWN },
      { role: "county_viewer", region: OTHER },
      { role: "contractor", region: OWN },
      { role: "station_manager", region: `${OWN}100` },
      { role: "assessor", region: "13" },
    ];
    let n = 0;
    const refused: string[] = [];
    for (const creator of ACCOUNTS) {
      for (const target of targets) {
        const username = `esc${++n}x${creator.key.length}`;
        const res = await app.inject({
          method: "POST",
          url: "/api/v1/users",
          headers: { cookie: cookies.get(creator.key)! },
          payload: { username, role: target.role, regionCode: target.region, password: "Strong-Pass-2017" },
        });
        const want = mayCreate(creator, target.role, target.region) ? 201 : 403;
        expect(res.statusCode, `${creator.key} creates ${target.role}@${target.region}`).toBe(want);
        if (want === 403) refused.push(username);
      }
    }
    const created = await db.db
      .selectFrom("users")
      .select("username")
      .where("username", "in", refused)
      .execute();
    expect(created).toEqual([]);
    // Nor can a county admin invite (grant) a non-assessor into its county, or itself elsewhere.
    const grant = await app.inject({
      method: "POST",
      url: `/api/v1/counties/${OWN}/assessors`,
      headers: { cookie: cookies.get("county_admin")! },
      payload: { username: "esc1x14" },
    });
    expect(grant.statusCode).toBe(400);
    expect(errorCode(grant)).toBe("not_grantable");
  });
  it("answers every route × account × county as the matrix says", async () => {
    // Signing out is last: it ends the sessions the other rows use.
    const routes = [...app.routeTable].sort(
      (a, b) =>
        Number(a.url === "/api/v1/session" && a.method === "DELETE") -
        Number(b.url === "/api/v1/session" && b.method === "DELETE"),
    );
    const wrong: string[] = [];
    let requests = 0;
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const entry = MATRIX[key];
      if (!entry) continue; // reported by the first test
      const {
        who,
        body,
        ids: byId,
      } = typeof entry === "string" ? { who: entry, body: undefined, ids: undefined } : entry;
      const perCounty = route.url.includes(":code") || byId !== undefined;
      const targets: (County | undefined)[] = perCounty ? [OWN, OTHER] : [undefined];
      const url = (county: County | undefined) => {
        let u = route.url.replace(":code", county ?? OWN);
        if (byId) u = u.replace(":id", ids[byId][county ?? OWN]);
        return u
          .replace(":township", `${county ?? OWN}100`)
          .replace(":year", "2017")
          .replace(":date", "2017-10-01")
          .replace(":kind", "orders")
          .replace(/:\w+/g, FAKE_ID);
      };
      const payload = async (county: County | undefined) => {
        if (typeof body !== "function") return JSON.stringify(body ?? {});
        const report = await app.inject({
          method: "GET",
          url: `/api/v1/counties/${county}/reports/${ids.report[county ?? OWN]}`,
          headers: { cookie: cookies.get("province_admin")! },
        });
        return JSON.stringify(body({ version: report.json().version }));
      };
      const call = async (account: Account | undefined, county: County | undefined) => {
        const cookie = account && cookies.get(account.key);
        const res = await app.inject({
          method: route.method as "GET",
          url: url(county),
          headers: {
            ...(cookie ? { cookie } : {}),
            ...(route.method === "GET" ? {} : { "content-type": "application/json" }),
          },
          payload: route.method === "GET" ? undefined : await payload(county),
        });
        requests++;
        const want = expected(who, account, county);
        const got = classOf(res.statusCode);
        const who_ = `${key} as ${account?.key ?? "anonymous"} on ${county ?? "-"}`;
        if (res.statusCode >= 500) wrong.push(`${who_}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        else if (got !== want) wrong.push(`${who_}: expected ${want}, got ${res.statusCode}`);
        else if (got !== "pass" && route.url.startsWith("/api/")) errorCode(res);
      };
      await call(undefined, targets[0]);
      // Refusals first, on the untouched entity; then the calls that may change it.
      const cases = ACCOUNTS.flatMap((account) => targets.map((county) => ({ account, county })));
      const refused = cases.filter((c) => expected(who, c.account, c.county) !== "pass");
      await Promise.all(refused.map((c) => call(c.account, c.county)));
      for (const c of cases.filter((c) => !refused.includes(c))) await call(c.account, c.county);
    }
    expect(wrong).toEqual([]);
    expect(requests).toBeGreaterThan(app.routeTable.length * ACCOUNTS.length);
    // Thousands of requests, more with every route and account: the default minute is too tight
    // on a loaded machine (PostgreSQL especially).
  }, 300_000);
});
