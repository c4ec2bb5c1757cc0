/** The record rosters of the outcomes area (rules K3–K6) and the columns each shows. */
import {
  CASE_KINDS,
  ENTERPRISE_KINDS,
  GROUP_ROLES,
  INSPECTION_KINDS,
  MARKET_RECORD_KINDS,
  RECOGNITION_KINDS,
} from "../../rules/outcomes";

type Bilingual = { zh: string; en: string };
export type RecordColumn = { key: string; label: Bilingual; vocabulary?: Record<string, Bilingual> };
export type RecordRoster = { path: string; label: Bilingual; rule: string; columns: RecordColumn[] };

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
      c("photoRefs", "照片", "Photos"),
    ],
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
  },
];
