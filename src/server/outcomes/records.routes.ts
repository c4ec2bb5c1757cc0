/**
 * The records the standard asks for (rules K3–K6; acceptance C1, C2, C4, C5, D4), each a county
 * roster (list, create, update, delete, .xlsx export; validated, scoped, audited) declared with
 * the roster resource of upward/county-roster.ts.
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  CASE_KINDS,
  ENTERPRISE_KINDS,
  type FieldProblem,
  GROUP_ROLES,
  INSPECTION_KINDS,
  inspectionProblem,
  MARKET_RECORD_KINDS,
  meetingProblem,
  RECOGNITION_KINDS,
  webLinkProblem,
} from "../../rules/outcomes";
import type { RouteContext } from "../platform/domain";
import { badRequest } from "../platform/http/errors";
import { registerRoster } from "../upward";
import { cascadeInspectionPhotos, photosByInspection } from "./inspection-photos";
import { InspectionPhoto, IsoDate, keyOf, OptionalText, Text } from "./outcomes.schema";
import type { OutcomesTables } from "./outcomes.tables";

const TAG = "outcomes-records";

/** A cross-field refusal (the form's own check, src/rules) in the API's error shape, naming the field. */
function refuse(problem: FieldProblem | undefined): void {
  if (problem) {
    throw badRequest("validation_failed", { zh: problem.zh, en: problem.en }, [
      { path: problem.path, message: problem.zh },
    ]);
  }
}

const yes = (v: unknown) => (Number(v) === 1 ? "是" : "否");
const str = (v: unknown) => v as string;
const label = <T extends Record<string, { zh: string }>>(o: T, k: unknown) =>
  o[k as keyof T]?.zh ?? String(k);

const Member = z.object({
  name: Text(50),
  position: Text(100),
  groupRole: keyOf(GROUP_ROLES),
  isCountyHead: z.boolean(),
});
const Meeting = z.object({
  heldOn: IsoDate,
  title: Text(200),
  attendees: Text(1000),
  minutes: Text(5000),
  decisions: z.number().int().min(0).max(1000),
  decisionsFollowedUp: z.number().int().min(0).max(1000),
  followUp: OptionalText(5000),
});
const Inspection = z.object({
  kind: keyOf(INSPECTION_KINDS),
  inspectedOn: IsoDate,
  inspector: Text(200),
  subject: Text(200),
  findings: OptionalText(5000),
  findingsOpen: z.number().int().min(0).max(1000),
  photoRefs: OptionalText(2000),
});
const Case = z.object({
  title: Text(200),
  kind: keyOf(CASE_KINDS),
  summary: Text(5000),
  reportedOn: IsoDate.nullable().default(null),
  publicity: OptionalText(500),
});
const Report = z.object({ title: Text(200), publishedOn: IsoDate, columnUrl: Text(500) });
const Recognition = z.object({
  kind: keyOf(RECOGNITION_KINDS),
  title: Text(200),
  outlet: Text(200),
  recognizedOn: IsoDate,
  reference: OptionalText(500),
});
const Enterprise = z.object({
  name: Text(200),
  kind: keyOf(ENTERPRISE_KINDS),
  hasInventory: z.boolean(),
  hasPurchasing: z.boolean(),
  hasOnlineSales: z.boolean(),
  hasStatistics: z.boolean(),
  upgradedOn: IsoDate,
  evidence: Text(1000),
});
const MarketRecord = z.object({
  kind: keyOf(MARKET_RECORD_KINDS),
  title: Text(200),
  recordedOn: IsoDate,
  evidence: Text(1000),
});
const Listing = z.object({ product: Text(100), shopName: Text(100), url: Text(500), listedOn: IsoDate });
const Link = z.object({
  baseName: Text(200),
  community: Text(200),
  products: Text(500),
  coldChain: z.boolean(),
  startedOn: IsoDate,
});

export async function recordsRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const roster = <B extends z.ZodObject>(
    path: string,
    table: keyof OutcomesTables,
    entity: string,
    noun: { zh: string; en: string },
    body: B,
    toColumns: (b: z.infer<B>) => Record<string, unknown>,
    toItem: (r: Record<string, unknown>) => z.infer<B>,
    orderBy: string,
    columns: { header: string; value: (i: z.infer<B>) => string | number | null; width?: number }[],
    check?: (b: z.infer<B>) => void,
  ) =>
    registerRoster(app, context, {
      path: `outcomes/${path}`,
      table,
      entity,
      tag: TAG,
      noun,
      body,
      item: body,
      toColumns,
      toItem,
      orderBy,
      check: check ? async (_db, _code, b) => check(b) : undefined,
      export: { fileName: noun.zh, columns },
    });

  roster(
    "leading-group",
    "leading_group_members",
    "leading_group_member",
    { zh: "领导小组成员", en: "leading group member" },
    Member,
    (b) => ({
      name: b.name,
      position: b.position,
      group_role: b.groupRole,
      is_county_head: b.isCountyHead ? 1 : 0,
    }),
    (r) => ({
      name: str(r.name),
      position: str(r.position),
      groupRole: r.group_role as keyof typeof GROUP_ROLES,
      isCountyHead: Number(r.is_county_head) === 1,
    }),
    "group_role",
    [
      { header: "姓名", value: (i) => i.name },
      { header: "职务", value: (i) => i.position, width: 30 },
      { header: "小组职务", value: (i) => label(GROUP_ROLES, i.groupRole) },
      { header: "县长", value: (i) => yes(i.isCountyHead ? 1 : 0) },
    ],
  );
  roster(
    "joint-meetings",
    "joint_meetings",
    "joint_meeting",
    { zh: "联席会议", en: "joint meeting" },
    Meeting,
    (b) => ({
      held_on: b.heldOn,
      title: b.title,
      attendees: b.attendees,
      minutes: b.minutes,
      decisions: b.decisions,
      decisions_followed_up: b.decisionsFollowedUp,
      follow_up: b.followUp,
    }),
    (r) => ({
      heldOn: str(r.held_on),
      title: str(r.title),
      attendees: str(r.attendees),
      minutes: str(r.minutes),
      decisions: Number(r.decisions),
      decisionsFollowedUp: Number(r.decisions_followed_up),
      followUp: str(r.follow_up),
    }),
    "held_on",
    [
      { header: "日期", value: (i) => i.heldOn },
      { header: "会议", value: (i) => i.title, width: 30 },
      { header: "参会人员", value: (i) => i.attendees, width: 30 },
      { header: "纪要", value: (i) => i.minutes, width: 50 },
      { header: "议定事项", value: (i) => i.decisions },
      { header: "已落实", value: (i) => i.decisionsFollowedUp },
      { header: "落实情况", value: (i) => i.followUp, width: 40 },
    ],
    (b) => refuse(meetingProblem(b)),
  );
  // Inspections carry their uploaded photos (C2); deleting one deletes its photos and their files.
  registerRoster(app, context, {
    path: "outcomes/inspections",
    table: "inspections",
    entity: "inspection",
    tag: TAG,
    noun: { zh: "现场检查记录", en: "inspection" },
    body: Inspection,
    item: Inspection.extend({ photos: z.array(InspectionPhoto).optional() }),
    toColumns: (b) => ({
      kind: b.kind,
      inspected_on: b.inspectedOn,
      inspector: b.inspector,
      subject: b.subject,
      findings: b.findings,
      findings_open: b.findingsOpen,
      photo_refs: b.photoRefs,
    }),
    toItem: (r) => ({
      kind: r.kind as keyof typeof INSPECTION_KINDS,
      inspectedOn: str(r.inspected_on),
      inspector: str(r.inspector),
      subject: str(r.subject),
      findings: str(r.findings),
      findingsOpen: Number(r.findings_open),
      photoRefs: str(r.photo_refs),
    }),
    orderBy: "inspected_on",
    check: async (_db, _code, b) => refuse(inspectionProblem(b)),
    decorate: async (db, code, items) => {
      const photos = await photosByInspection(db, code);
      return items.map((i) => ({ ...i, photos: photos.get(i.id) ?? [] }));
    },
    cascade: (db, code, id) => cascadeInspectionPhotos(db, code, id),
    export: {
      fileName: "现场检查记录",
      columns: [
        { header: "类别", value: (i) => label(INSPECTION_KINDS, i.kind) },
        { header: "日期", value: (i) => i.inspectedOn },
        { header: "检查人", value: (i) => i.inspector },
        { header: "检查对象", value: (i) => i.subject, width: 30 },
        { header: "发现问题", value: (i) => i.findings, width: 50 },
        { header: "未整改", value: (i) => i.findingsOpen },
        {
          header: "照片",
          value: (i) => [...(i.photos ?? []).map((p) => p.fileName), i.photoRefs].filter(Boolean).join("\n"),
          width: 30,
        },
      ],
    },
  });
  roster(
    "typical-cases",
    "typical_cases",
    "typical_case",
    { zh: "典型案例", en: "typical case" },
    Case,
    (b) => ({
      title: b.title,
      kind: b.kind,
      summary: b.summary,
      reported_on: b.reportedOn,
      publicity: b.publicity,
    }),
    (r) => ({
      title: str(r.title),
      kind: r.kind as keyof typeof CASE_KINDS,
      summary: str(r.summary),
      reportedOn: (r.reported_on as string | null) ?? null,
      publicity: str(r.publicity),
    }),
    "title",
    [
      { header: "案例", value: (i) => i.title, width: 30 },
      { header: "类别", value: (i) => label(CASE_KINDS, i.kind) },
      { header: "概要", value: (i) => i.summary, width: 50 },
      { header: "上报日期", value: (i) => i.reportedOn },
      { header: "宣传（链接或媒体）", value: (i) => i.publicity, width: 30 },
    ],
  );
  roster(
    "research-reports",
    "research_reports",
    "research_report",
    { zh: "调研报告", en: "research report" },
    Report,
    (b) => ({ title: b.title, published_on: b.publishedOn, column_url: b.columnUrl }),
    (r) => ({ title: str(r.title), publishedOn: str(r.published_on), columnUrl: str(r.column_url) }),
    "published_on",
    [
      { header: "题目", value: (i) => i.title, width: 40 },
      { header: "发表日期", value: (i) => i.publishedOn },
      { header: "省中心专栏链接", value: (i) => i.columnUrl, width: 40 },
    ],
    (b) => refuse(webLinkProblem("columnUrl", b.columnUrl)),
  );
  roster(
    "recognitions",
    "recognitions",
    "recognition",
    { zh: "宣传推广", en: "recognition" },
    Recognition,
    (b) => ({
      kind: b.kind,
      title: b.title,
      outlet: b.outlet,
      recognized_on: b.recognizedOn,
      reference: b.reference,
    }),
    (r) => ({
      kind: r.kind as keyof typeof RECOGNITION_KINDS,
      title: str(r.title),
      outlet: str(r.outlet),
      recognizedOn: str(r.recognized_on),
      reference: str(r.reference),
    }),
    "recognized_on",
    [
      { header: "类别", value: (i) => label(RECOGNITION_KINDS, i.kind) },
      { header: "标题", value: (i) => i.title, width: 40 },
      { header: "媒体/会议", value: (i) => i.outlet, width: 30 },
      { header: "日期", value: (i) => i.recognizedOn },
      { header: "出处", value: (i) => i.reference, width: 40 },
    ],
  );
  roster(
    "upgraded-enterprises",
    "upgraded_enterprises",
    "upgraded_enterprise",
    { zh: "传统商贸企业转型", en: "upgraded enterprise" },
    Enterprise,
    (b) => ({
      name: b.name,
      kind: b.kind,
      has_inventory: b.hasInventory ? 1 : 0,
      has_purchasing: b.hasPurchasing ? 1 : 0,
      has_online_sales: b.hasOnlineSales ? 1 : 0,
      has_statistics: b.hasStatistics ? 1 : 0,
      upgraded_on: b.upgradedOn,
      evidence: b.evidence,
    }),
    (r) => ({
      name: str(r.name),
      kind: r.kind as keyof typeof ENTERPRISE_KINDS,
      hasInventory: Number(r.has_inventory) === 1,
      hasPurchasing: Number(r.has_purchasing) === 1,
      hasOnlineSales: Number(r.has_online_sales) === 1,
      hasStatistics: Number(r.has_statistics) === 1,
      upgradedOn: str(r.upgraded_on),
      evidence: str(r.evidence),
    }),
    "name",
    [
      { header: "企业", value: (i) => i.name, width: 30 },
      { header: "类别", value: (i) => label(ENTERPRISE_KINDS, i.kind) },
      { header: "进销存", value: (i) => yes(i.hasInventory ? 1 : 0) },
      { header: "采购", value: (i) => yes(i.hasPurchasing ? 1 : 0) },
      { header: "网络销售", value: (i) => yes(i.hasOnlineSales ? 1 : 0) },
      { header: "统计", value: (i) => yes(i.hasStatistics ? 1 : 0) },
      { header: "转型日期", value: (i) => i.upgradedOn },
      { header: "佐证", value: (i) => i.evidence, width: 40 },
    ],
  );
  roster(
    "market-records",
    "market_records",
    "market_record",
    { zh: "扶持政策与市场监管", en: "policy and supervision record" },
    MarketRecord,
    (b) => ({ kind: b.kind, title: b.title, recorded_on: b.recordedOn, evidence: b.evidence }),
    (r) => ({
      kind: r.kind as keyof typeof MARKET_RECORD_KINDS,
      title: str(r.title),
      recordedOn: str(r.recorded_on),
      evidence: str(r.evidence),
    }),
    "recorded_on",
    [
      { header: "类别", value: (i) => label(MARKET_RECORD_KINDS, i.kind) },
      { header: "名称", value: (i) => i.title, width: 40 },
      { header: "日期", value: (i) => i.recordedOn },
      { header: "佐证", value: (i) => i.evidence, width: 40 },
    ],
  );
  roster(
    "poverty-channel-listings",
    "poverty_channel_listings",
    "poverty_channel_listing",
    { zh: "电商扶贫频道上线产品", en: "poverty channel listing" },
    Listing,
    (b) => ({ product: b.product, shop_name: b.shopName, url: b.url, listed_on: b.listedOn }),
    (r) => ({
      product: str(r.product),
      shopName: str(r.shop_name),
      url: str(r.url),
      listedOn: str(r.listed_on),
    }),
    "listed_on",
    [
      { header: "产品", value: (i) => i.product },
      { header: "店铺", value: (i) => i.shopName },
      { header: "链接", value: (i) => i.url, width: 40 },
      { header: "上线日期", value: (i) => i.listedOn },
    ],
    (b) => refuse(webLinkProblem("url", b.url)),
  );
  roster(
    "direct-supply-links",
    "direct_supply_links",
    "direct_supply_link",
    { zh: "基地+社区直供", en: "base-to-community link" },
    Link,
    (b) => ({
      base_name: b.baseName,
      community: b.community,
      products: b.products,
      cold_chain: b.coldChain ? 1 : 0,
      started_on: b.startedOn,
    }),
    (r) => ({
      baseName: str(r.base_name),
      community: str(r.community),
      products: str(r.products),
      coldChain: Number(r.cold_chain) === 1,
      startedOn: str(r.started_on),
    }),
    "started_on",
    [
      { header: "生产基地", value: (i) => i.baseName, width: 30 },
      { header: "城市社区", value: (i) => i.community, width: 30 },
      { header: "产品", value: (i) => i.products, width: 30 },
      { header: "冷链", value: (i) => yes(i.coldChain ? 1 : 0) },
      { header: "开通日期", value: (i) => i.startedOn },
    ],
  );
}
