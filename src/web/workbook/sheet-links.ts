/** Where the data of each workbook sheet shows in the web app, for the links after an import. */

export type SheetLink = { path: string; zh: string; en: string };

const LINKS: Record<string, SheetLink> = {
  村庄: { path: "", zh: "县域概况（村庄）", en: "County overview (villages)" },
  站点: { path: "network", zh: "服务体系（站点）", en: "Service network (stations)" },
  设施: { path: "network", zh: "服务体系（县乡设施）", en: "Service network (facilities)" },
  站点月报: { path: "operations", zh: "站点运营（月度指标）", en: "Station operations (monthly)" },
  物流: { path: "operations", zh: "站点运营（物流）", en: "Station operations (logistics)" },
  资金安排: { path: "funds", zh: "资金安排", en: "Fund plan" },
  年度指标: { path: "outcomes", zh: "成效与记录", en: "Outcomes" },
  贫困户销售: {
    path: "outcomes?tab=sales",
    zh: "成效与记录（贫困户销售）",
    en: "Outcomes (poor households' sales)",
  },
  从业人员: { path: "outcomes?tab=staff", zh: "成效与记录（从业人员）", en: "Outcomes (staff)" },
  贫困户: { path: "training", zh: "电商培训与贫困户", en: "Training and poor households" },
};

/** The county page showing a sheet's rows, if there is one. */
export function sheetLink(sheet: string): SheetLink | undefined {
  return LINKS[sheet];
}
