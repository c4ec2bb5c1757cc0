/**
 * The public transparency column (政务公开专栏, rules T1–T4; veto E2): the items it must publish,
 * in one place and with none missing, and the check that names every missing item.
 *
 * Pure: no I/O, runs in Node and in the browser. The Chinese labels are the ones the public pages
 * show (T1 names them; the column is read by citizens, not by programmers).
 */
import { addCalendarDays } from "./calendar";
import type { Bilingual } from "./money";

/** Items published once for the whole column (not per project). */
export type ColumnItemKey =
  | "implementation_plan"
  | "decision_process"
  | "selection_method"
  | "selection_process"
  | "selection_result"
  | "supervision_phone";

export type ColumnItem = {
  key: ColumnItemKey;
  label: string;
  en: string;
  rule: "T1" | "T2" | "T3";
  /** Where the item is required: a county's column, the provincial zone, or both. */
  scopes: readonly ("county" | "province")[];
};

/**
 * Column-level items (T1: 实施方案、决策过程; T3: 竞争性选择办法、过程和结果; T2: 监督电话). The
 * province publishes how it chose the demonstration counties; a county how it chose contractors.
 */
export const COLUMN_ITEMS: readonly ColumnItem[] = [
  {
    key: "implementation_plan",
    label: "实施方案",
    en: "Implementation plan",
    rule: "T1",
    scopes: ["county"],
  },
  { key: "decision_process", label: "决策过程", en: "Decision process", rule: "T1", scopes: ["county"] },
  {
    key: "selection_method",
    label: "竞争性选择办法",
    en: "Competitive selection method",
    rule: "T3",
    scopes: ["county", "province"],
  },
  {
    key: "selection_process",
    label: "竞争性选择过程",
    en: "Competitive selection process",
    rule: "T3",
    scopes: ["county", "province"],
  },
  {
    key: "selection_result",
    label: "竞争性选择结果",
    en: "Competitive selection result",
    rule: "T3",
    scopes: ["county", "province"],
  },
  {
    key: "supervision_phone",
    label: "监督电话",
    en: "Supervision telephone",
    rule: "T2",
    scopes: ["county", "province"],
  },
];

export type ProjectFieldKey =
  | "name"
  | "content"
  | "contractor"
  | "subsidy"
  | "deadline"
  | "targets"
  | "decisionDocuments"
  | "responsible"
  | "progress";

/** 专项资金使用情况: what T1 requires for each project, with the labels the public page shows. */
export const PROJECT_FIELDS: readonly { key: ProjectFieldKey; label: string; en: string; hint: string }[] = [
  { key: "name", label: "项目名称", en: "Project name", hint: "项目名称" },
  { key: "content", label: "建设内容", en: "Construction content and requirements", hint: "建设内容和要求" },
  { key: "contractor", label: "承办单位", en: "Contractor", hint: "项目承办单位名称" },
  { key: "subsidy", label: "补助资金", en: "Subsidy", hint: "扶持资金额度" },
  { key: "deadline", label: "完成时限", en: "Completion deadline", hint: "完成时限" },
  { key: "targets", label: "绩效目标", en: "Performance targets", hint: "绩效目标" },
  {
    key: "decisionDocuments",
    label: "决策文件",
    en: "Decision documents",
    hint: "确定财政扶持该项目的决策文件",
  },
  { key: "responsible", label: "责任人", en: "Responsible persons", hint: "示范县和项目承办单位责任人" },
  { key: "progress", label: "进度", en: "Progress", hint: "定期公布项目建设进度" },
];

/** The nine T1 labels every project shows, in order (项目名称 … 进度). */
export const T1_PROJECT_LABELS: readonly string[] = PROJECT_FIELDS.map((f) => f.label);

/** Label of the fund-use item itself: at least one project must be published. */
export const FUND_USE_LABEL = "专项资金使用情况";

/** Readings of T1 and T4 that a province administrator may change. */
export type TransparencySettings = {
  /**
   * T1 定期公布进度: a project's progress older than this many days counts as missing. Checked up
   * to `progressCheckUntil` only: after the program ends, progress is no longer owed.
   */
  progressMaxAgeDays: number;
  progressCheckUntil: string;
  /**
   * T4 不得散见于网络: a document linked rather than uploaded must live on one of these hosts
   * (the government portal); a link elsewhere is "scattered". Matched as a host suffix.
   */
  allowedLinkHostSuffixes: string[];
};

/** The readings in rules.md: progress at least quarterly through 2018 (M5); links on *.gov.cn. */
export const DEFAULT_TRANSPARENCY_SETTINGS: TransparencySettings = {
  progressMaxAgeDays: 92,
  progressCheckUntil: "2018-12-31",
  allowedLinkHostSuffixes: [".gov.cn"],
};

/** A document in the column: a link or an uploaded file. */
export type ColumnDocument = { title: string; url: string | null; hasFile: boolean };

/** What the check needs of a column, as stored. */
export type ColumnSnapshot = {
  scope: "county" | "province";
  supervisionPhone: string | null;
  /** Column-level entries (text and/or documents) by item. */
  entries: { key: Exclude<ColumnItemKey, "supervision_phone">; body: string; documents: ColumnDocument[] }[];
  projects: ProjectSnapshot[];
};

export type ProjectSnapshot = {
  name: string;
  content: string;
  contractorName: string;
  subsidyFen: number | null;
  deadline: string | null;
  performanceTargets: string;
  countyResponsible: string;
  contractorResponsible: string;
  /** Progress and the day it was last published (the column's own or the platform's, whichever is later). */
  progressBp: number | null;
  progressUpdatedOn: string | null;
  documents: ColumnDocument[];
};

export type MissingItem = {
  key: ColumnItemKey | ProjectFieldKey | "fund_use" | "document_link";
  label: string;
  rule: string;
  /** The project it belongs to, for a project field. */
  project?: string;
  reason: "missing" | "stale" | "scattered";
  /** The name shown in lists and in the E2 note, e.g. "项目「县级服务中心」：绩效目标". */
  name: string;
};

export type ColumnCheck = { isComplete: boolean; missing: MissingItem[] };

const filled = (text: string | null | undefined) => (text ?? "").trim().length > 0;

/** Whether a link stays inside the column (T4): an allowed host, or no link at all (an upload). */
export function isLinkInColumn(
  url: string,
  settings: TransparencySettings = DEFAULT_TRANSPARENCY_SETTINGS,
): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return settings.allowedLinkHostSuffixes.some((suffix) => {
    const s = suffix.toLowerCase();
    return host === s.replace(/^\./, "") || host.endsWith(s.startsWith(".") ? s : `.${s}`);
  });
}

const hasDocument = (docs: readonly ColumnDocument[]) => docs.some((d) => d.hasFile || filled(d.url));

/**
 * The completeness check of a column as of `asOf` (T1–T4, E2 evidence): every required column item,
 * at least one project (专项资金使用情况), each project's nine T1 fields, progress published within
 * the configured age, and every linked document on an allowed host. Returns each gap by name.
 */
export function checkColumn(
  column: ColumnSnapshot,
  asOf: string,
  settings: TransparencySettings = DEFAULT_TRANSPARENCY_SETTINGS,
): ColumnCheck {
  const missing: MissingItem[] = [];
  for (const item of COLUMN_ITEMS.filter((i) => i.scopes.includes(column.scope))) {
    const present =
      item.key === "supervision_phone"
        ? filled(column.supervisionPhone)
        : column.entries.some((e) => e.key === item.key && (filled(e.body) || hasDocument(e.documents)));
    if (!present)
      missing.push({
        key: item.key,
        label: item.label,
        rule: item.rule,
        reason: "missing",
        name: item.label,
      });
  }
  if (column.scope === "county") {
    if (column.projects.length === 0) {
      missing.push({
        key: "fund_use",
        label: FUND_USE_LABEL,
        rule: "T1",
        reason: "missing",
        name: `${FUND_USE_LABEL}（项目）`,
      });
    }
    const checkUntil = asOf < settings.progressCheckUntil ? asOf : settings.progressCheckUntil;
    const oldestFresh = addCalendarDays(checkUntil, -settings.progressMaxAgeDays);
    column.projects.forEach((p, i) => {
      const project = filled(p.name) ? p.name.trim() : `第${i + 1}个项目`;
      const gaps: Partial<Record<ProjectFieldKey, boolean>> = {
        name: !filled(p.name),
        content: !filled(p.content),
        contractor: !filled(p.contractorName),
        subsidy: p.subsidyFen === null,
        deadline: !filled(p.deadline),
        targets: !filled(p.performanceTargets),
        decisionDocuments: !hasDocument(p.documents),
        responsible: !filled(p.countyResponsible) || !filled(p.contractorResponsible),
        progress: p.progressBp === null || !p.progressUpdatedOn,
      };
      for (const field of PROJECT_FIELDS) {
        if (gaps[field.key]) {
          missing.push({
            key: field.key,
            label: field.label,
            rule: "T1",
            project,
            reason: "missing",
            name: `项目「${project}」：${field.label}`,
          });
        }
      }
      if (!gaps.progress && p.progressUpdatedOn! < oldestFresh && p.progressUpdatedOn! <= checkUntil) {
        missing.push({
          key: "progress",
          label: "进度",
          rule: "T1",
          project,
          reason: "stale",
          name: `项目「${project}」：进度（${p.progressUpdatedOn} 后超过 ${settings.progressMaxAgeDays} 天未更新）`,
        });
      }
    });
  }
  const documents = [
    ...column.entries.flatMap((e) => e.documents),
    ...column.projects.flatMap((p) => p.documents),
  ];
  for (const d of documents) {
    if (!d.hasFile && filled(d.url) && !isLinkInColumn(d.url!, settings)) {
      missing.push({
        key: "document_link",
        label: d.title,
        rule: "T4",
        reason: "scattered",
        name: `文件「${d.title}」链接在专栏之外（规定公开的内容不得散见于网络）`,
      });
    }
  }
  return { isComplete: missing.length === 0, missing };
}

/** Labels of public message windows (T2). */
export const WINDOW_NAMES: Record<"comment" | "complaint", Bilingual> = {
  comment: { zh: "征求意见", en: "Public comments" },
  complaint: { zh: "纪检、审计举报", en: "Discipline and audit complaints" },
};
