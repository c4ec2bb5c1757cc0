/**
 * The record rosters of the outcomes area (rules K3–K6): the columns each table shows and the
 * fields of its form (the server's Zod schema in records.routes.ts, field for field), with the
 * cross-field check it shares with the server (src/rules/outcomes.ts).
 */
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

type Bilingual = { zh: string; en: string };
export type RecordColumn = { key: string; label: Bilingual; vocabulary?: Record<string, Bilingual> };
export type FieldKind = "text" | "textarea" | "date" | "int" | "bool" | "select" | "link";
export type RecordField = {
  key: string;
  label: Bilingual;
  kind: FieldKind;
  /** Required fields must be filled; a yes/no box always has a value. */
  isRequired: boolean;
  /** Longest text the server takes. */
  max?: number;
  vocabulary?: Record<string, Bilingual>;
  help?: Bilingual;
};
export type RecordRoster = {
  path: string;
  label: Bilingual;
  rule: string;
  columns: RecordColumn[];
  fields: RecordField[];
  /** The check across fields that the server applies too. */
  check?: (values: Record<string, unknown>) => FieldProblem | undefined;
  /** Inspections: photos are uploaded to each record. */
  hasPhotos?: boolean;
};

const f = (
  key: string,
  kind: FieldKind,
  zh: string,
  en: string,
  options: {
    isRequired?: boolean;
    max?: number;
    vocabulary?: Record<string, Bilingual>;
    help?: Bilingual;
  } = {},
): RecordField => ({
  key,
  kind,
  label: { zh, en },
  isRequired: options.isRequired ?? kind !== "bool",
  ...options,
});
const optional = { isRequired: false };

const c = (key: string, zh: string, en: string, vocabulary?: Record<string, Bilingual>): RecordColumn => ({
  key,
  label: { zh, en },
  vocabulary,
});

export const RECORD_ROSTERS: RecordRoster[] = [
  {
    path: "leading-group",
    label: { zh: "领导小组", en: "Leading group" },
    rule: "C1 · K3",
    columns: [
      c("name", "姓名", "Name"),
      c("position", "职务", "Position"),
      c("groupRole", "小组职务", "Role", GROUP_ROLES),
      c("isCountyHead", "县长", "County head"),
    ],
    fields: [
      f("name", "text", "姓名", "Name", { max: 50 }),
      f("position", "text", "职务", "Position", { max: 100 }),
      f("groupRole", "select", "小组职务", "Role", { vocabulary: GROUP_ROLES }),
      f("isCountyHead", "bool", "县长", "County head", {
        help: { zh: "领导小组由县长挂帅时，组长一栏勾选", en: "Tick for the county head leading the group" },
      }),
    ],
  },
  {
    path: "joint-meetings",
    label: { zh: "联席会议", en: "Joint meetings" },
    rule: "C1 · K3",
    columns: [
      c("heldOn", "日期", "Date"),
      c("title", "会议", "Meeting"),
      c("attendees", "参会人员", "Attendees"),
      c("decisions", "议定事项", "Decisions"),
      c("decisionsFollowedUp", "已落实", "Followed up"),
      c("followUp", "落实情况", "Follow-up"),
    ],
    fields: [
      f("heldOn", "date", "日期", "Date"),
      f("title", "text", "会议", "Meeting", { max: 200 }),
      f("attendees", "textarea", "参会人员", "Attendees", { max: 1000 }),
      f("minutes", "textarea", "纪要", "Minutes", { max: 5000 }),
      f("decisions", "int", "议定事项（项）", "Decisions"),
      f("decisionsFollowedUp", "int", "已落实（项）", "Followed up"),
      f("followUp", "textarea", "落实情况", "Follow-up", { ...optional, max: 5000 }),
    ],
    check: (v) =>
      meetingProblem({
        decisions: Number(v.decisions ?? 0),
        decisionsFollowedUp: Number(v.decisionsFollowedUp ?? 0),
      }),
  },
  {
    path: "inspections",
    label: { zh: "现场检查与督导", en: "Inspections" },
    rule: "C2 · K3",
    columns: [
      c("kind", "类别", "Kind", INSPECTION_KINDS),
      c("inspectedOn", "日期", "Date"),
      c("inspector", "检查人", "Inspector"),
      c("subject", "检查对象", "Subject"),
      c("findings", "发现问题", "Findings"),
      c("findingsOpen", "未整改", "Open"),
    ],
    fields: [
      f("kind", "select", "类别", "Kind", { vocabulary: INSPECTION_KINDS }),
      f("inspectedOn", "date", "日期", "Date"),
      f("inspector", "text", "检查人", "Inspector", { max: 200 }),
      f("subject", "text", "检查对象", "Subject", { max: 200 }),
      f("findings", "textarea", "发现问题", "Findings", { ...optional, max: 5000 }),
      f("findingsOpen", "int", "未整改问题（项）", "Findings open"),
    ],
    check: (v) =>
      inspectionProblem({ findingsOpen: Number(v.findingsOpen ?? 0), findings: String(v.findings ?? "") }),
    hasPhotos: true,
  },
  {
    path: "typical-cases",
    label: { zh: "典型案例", en: "Typical cases" },
    rule: "C5 · K4",
    columns: [
      c("title", "案例", "Case"),
      c("kind", "类别", "Kind", CASE_KINDS),
      c("reportedOn", "上报日期", "Reported"),
      c("publicity", "宣传", "Publicity"),
    ],
    fields: [
      f("title", "text", "案例", "Case", { max: 200 }),
      f("kind", "select", "类别", "Kind", { vocabulary: CASE_KINDS }),
      f("summary", "textarea", "概要", "Summary", { max: 5000 }),
      f("reportedOn", "date", "上报日期", "Reported upward", {
        ...optional,
        help: { zh: "向上级报送的日期；未上报不填", en: "Blank while not reported upward" },
      }),
      f("publicity", "text", "宣传（链接或媒体）", "Publicity (link or media)", { ...optional, max: 500 }),
    ],
  },
  {
    path: "research-reports",
    label: { zh: "调研报告", en: "Research reports" },
    rule: "C5 · K4",
    columns: [
      c("title", "题目", "Title"),
      c("publishedOn", "发表日期", "Published"),
      c("columnUrl", "专栏链接", "Link"),
    ],
    fields: [
      f("title", "text", "题目", "Title", { max: 200 }),
      f("publishedOn", "date", "发表日期", "Published"),
      f("columnUrl", "link", "省中心专栏链接", "Link in the provincial center's column", { max: 500 }),
    ],
    check: (v) => webLinkProblem("columnUrl", String(v.columnUrl ?? "")),
  },
  {
    path: "recognitions",
    label: { zh: "媒体报道与会议交流", en: "Recognition" },
    rule: "C5 · K4",
    columns: [
      c("kind", "类别", "Kind", RECOGNITION_KINDS),
      c("title", "标题", "Title"),
      c("outlet", "媒体/会议", "Outlet"),
      c("recognizedOn", "日期", "Date"),
    ],
    fields: [
      f("kind", "select", "类别", "Kind", { vocabulary: RECOGNITION_KINDS }),
      f("title", "text", "标题", "Title", { max: 200 }),
      f("outlet", "text", "媒体/会议", "Outlet", { max: 200 }),
      f("recognizedOn", "date", "日期", "Date"),
      f("reference", "text", "出处", "Reference", { ...optional, max: 500 }),
    ],
  },
  {
    path: "upgraded-enterprises",
    label: { zh: "传统商贸企业转型", en: "Upgraded enterprises" },
    rule: "D4 · K7",
    columns: [
      c("name", "企业", "Enterprise"),
      c("kind", "类别", "Kind", ENTERPRISE_KINDS),
      c("hasInventory", "进销存", "Inventory"),
      c("hasPurchasing", "采购", "Purchasing"),
      c("hasOnlineSales", "网络销售", "Online sales"),
      c("hasStatistics", "统计", "Statistics"),
      c("evidence", "佐证", "Evidence"),
    ],
    fields: [
      f("name", "text", "企业", "Enterprise", { max: 200 }),
      f("kind", "select", "类别", "Kind", { vocabulary: ENTERPRISE_KINDS }),
      f("hasInventory", "bool", "进销存", "Inventory"),
      f("hasPurchasing", "bool", "采购", "Purchasing"),
      f("hasOnlineSales", "bool", "网络销售", "Online sales"),
      f("hasStatistics", "bool", "统计", "Statistics"),
      f("upgradedOn", "date", "转型日期", "Upgraded on"),
      f("evidence", "textarea", "佐证", "Evidence", { max: 1000 }),
    ],
  },
  {
    path: "market-records",
    label: { zh: "扶持政策与市场监管", en: "Policies and supervision" },
    rule: "C4",
    columns: [
      c("kind", "类别", "Kind", MARKET_RECORD_KINDS),
      c("title", "名称", "Title"),
      c("recordedOn", "日期", "Date"),
      c("evidence", "佐证", "Evidence"),
    ],
    fields: [
      f("kind", "select", "类别", "Kind", { vocabulary: MARKET_RECORD_KINDS }),
      f("title", "text", "名称", "Title", { max: 200 }),
      f("recordedOn", "date", "日期", "Date"),
      f("evidence", "textarea", "佐证", "Evidence", { max: 1000 }),
    ],
  },
  {
    path: "poverty-channel-listings",
    label: { zh: "电商扶贫频道", en: "Poverty channel" },
    rule: "K5",
    columns: [
      c("product", "产品", "Product"),
      c("shopName", "店铺", "Shop"),
      c("url", "链接", "Link"),
      c("listedOn", "上线日期", "Listed"),
    ],
    fields: [
      f("product", "text", "产品", "Product", { max: 100 }),
      f("shopName", "text", "店铺", "Shop", { max: 100 }),
      f("url", "link", "链接", "Link", { max: 500 }),
      f("listedOn", "date", "上线日期", "Listed"),
    ],
    check: (v) => webLinkProblem("url", String(v.url ?? "")),
  },
  {
    path: "direct-supply-links",
    label: { zh: "基地+社区直供", en: "Base-to-community" },
    rule: "K6",
    columns: [
      c("baseName", "生产基地", "Base"),
      c("community", "城市社区", "Community"),
      c("products", "产品", "Products"),
      c("coldChain", "冷链", "Cold chain"),
      c("startedOn", "开通日期", "Since"),
    ],
    fields: [
      f("baseName", "text", "生产基地", "Production base", { max: 200 }),
      f("community", "text", "城市社区", "City community", { max: 200 }),
      f("products", "text", "产品", "Products", { max: 500 }),
      f("coldChain", "bool", "冷链", "Cold chain"),
      f("startedOn", "date", "开通日期", "Since"),
    ],
  },
];
