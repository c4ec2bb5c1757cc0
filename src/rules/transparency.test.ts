import { describe, expect, it } from "vitest";
import {
  COLUMN_ITEMS,
  type ColumnSnapshot,
  checkColumn,
  DEFAULT_TRANSPARENCY_SETTINGS,
  isLinkInColumn,
  type ProjectSnapshot,
  T1_PROJECT_LABELS,
} from "./transparency";

const doc = (title: string, url: string | null = null) => ({ title, url, hasFile: url === null });

const project: ProjectSnapshot = {
  name: "县级电子商务公共服务中心",
  content: "改造 800 平方米服务中心",
  contractorName: "某电商公司",
  subsidyFen: 150_000_000,
  deadline: "2018-06-30",
  performanceTargets: "孵化网店 100 家",
  countyResponsible: "张三（县商务局局长）",
  contractorResponsible: "李四（总经理）",
  progressBp: 6000,
  progressUpdatedOn: "2018-09-30",
  documents: [doc("县政府常务会议纪要")],
};

const complete: ColumnSnapshot = {
  scope: "county",
  supervisionPhone: "0319-6212345",
  entries: [
    { key: "implementation_plan", body: "实施方案全文", documents: [] },
    {
      key: "decision_process",
      body: "",
      documents: [doc("常务会议决定", "http://www.weixian.gov.cn/a.html")],
    },
    { key: "selection_method", body: "公开招标", documents: [] },
    { key: "selection_process", body: "招标公告与开标记录", documents: [] },
    { key: "selection_result", body: "中标公告", documents: [] },
  ],
  projects: [project],
};

const names = (c: ColumnSnapshot, asOf = "2018-10-31") => checkColumn(c, asOf).missing.map((m) => m.name);

describe("the transparency column completeness check (T1–T4, E2)", () => {
  it("shows the nine T1 labels of a project in order", () => {
    expect(T1_PROJECT_LABELS).toEqual([
      "项目名称",
      "建设内容",
      "承办单位",
      "补助资金",
      "完成时限",
      "绩效目标",
      "决策文件",
      "责任人",
      "进度",
    ]);
    expect(COLUMN_ITEMS.map((i) => i.label)).toEqual([
      "实施方案",
      "决策过程",
      "竞争性选择办法",
      "竞争性选择过程",
      "竞争性选择结果",
      "监督电话",
    ]);
  });

  it("finds nothing missing in a complete column", () => {
    expect(checkColumn(complete, "2018-10-31")).toEqual({ isComplete: true, missing: [] });
  });

  it("names a single missing column item (T1, T3) and the phone (T2)", () => {
    const noResult = { ...complete, entries: complete.entries.filter((e) => e.key !== "selection_result") };
    expect(names(noResult)).toEqual(["竞争性选择结果"]);
    const blankPlan = {
      ...complete,
      entries: complete.entries.map((e) => (e.key === "implementation_plan" ? { ...e, body: "  " } : e)),
    };
    expect(names(blankPlan)).toEqual(["实施方案"]);
    expect(names({ ...complete, supervisionPhone: "" })).toEqual(["监督电话"]);
  });

  it("requires at least one project (专项资金使用情况)", () => {
    expect(names({ ...complete, projects: [] })).toEqual(["专项资金使用情况（项目）"]);
  });

  it("names each missing project field with its project", () => {
    const gaps = {
      ...project,
      performanceTargets: "",
      contractorResponsible: "",
      documents: [],
      subsidyFen: null,
    };
    expect(names({ ...complete, projects: [gaps] })).toEqual([
      "项目「县级电子商务公共服务中心」：补助资金",
      "项目「县级电子商务公共服务中心」：绩效目标",
      "项目「县级电子商务公共服务中心」：决策文件",
      "项目「县级电子商务公共服务中心」：责任人",
    ]);
    expect(names({ ...complete, projects: [{ ...project, name: "", progressBp: null }] })).toEqual([
      "项目「第1个项目」：项目名称",
      "项目「第1个项目」：进度",
    ]);
    // A subsidy of zero is published, not missing.
    expect(names({ ...complete, projects: [{ ...project, subsidyFen: 0 }] })).toEqual([]);
  });

  it("flags progress not updated for more than 92 days, counted up to the program's end (T1 定期公布)", () => {
    const at = (updated: string, asOf: string) =>
      names({ ...complete, projects: [{ ...project, progressUpdatedOn: updated }] }, asOf);
    // 2018-10-31 − 92 days = 2018-07-31.
    expect(at("2018-07-31", "2018-10-31")).toEqual([]);
    expect(at("2018-07-30", "2018-10-31")).toEqual([
      "项目「县级电子商务公共服务中心」：进度（2018-07-30 后超过 92 天未更新）",
    ]);
    // After 2018-12-31 the check stops at the program's end: 2018-12-31 − 92 = 2018-09-30.
    expect(at("2018-09-30", "2026-01-01")).toEqual([]);
    expect(at("2018-09-29", "2026-01-01")).toHaveLength(1);
  });

  it("flags a document linked outside the government portal as scattered (T4)", () => {
    const away = { ...project, documents: [doc("会议纪要", "https://example.com/x.pdf")] };
    const result = checkColumn({ ...complete, projects: [away] }, "2018-10-31");
    expect(result.isComplete).toBe(false);
    expect(result.missing.map((m) => [m.rule, m.reason])).toEqual([["T4", "scattered"]]);
  });

  it("accepts *.gov.cn hosts only as whole labels", () => {
    expect(isLinkInColumn("http://www.weixian.gov.cn/gk/1.html")).toBe(true);
    expect(isLinkInColumn("https://gov.cn/x")).toBe(true);
    expect(isLinkInColumn("https://weixian.gov.cn.example.com/x")).toBe(false);
    expect(isLinkInColumn("https://fakegov.cn/x")).toBe(false);
    expect(isLinkInColumn("not a url")).toBe(false);
    expect(
      isLinkInColumn("https://a.example.org/x", {
        ...DEFAULT_TRANSPARENCY_SETTINGS,
        allowedLinkHostSuffixes: ["example.org"],
      }),
    ).toBe(true);
  });

  it("checks the provincial zone for the selection items and the phone only (T2, T3)", () => {
    const zone: ColumnSnapshot = { scope: "province", supervisionPhone: null, entries: [], projects: [] };
    expect(names(zone)).toEqual(["竞争性选择办法", "竞争性选择过程", "竞争性选择结果", "监督电话"]);
  });
});
