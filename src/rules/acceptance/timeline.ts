/**
 * One timeline per county: the program's milestones M1–M5 (rules.md, 六、工作安排) and the county's
 * own deadlines (contract completion, deliverables, reports owed), each done, due or overdue as of
 * a date. Pure: the server gathers the dates from the funds, reporting and acceptance domains.
 */

type Bilingual = { zh: string; en: string };

export type TimelineStatus = "done" | "due" | "overdue";

/** The program's dates (rules M1–M5); a province may move them, so they are settings. */
export type MilestoneSettings = {
  /** M1: work plan and fund arrangement filed with the province. */
  planFiledBy: string;
  /** M2: tenders finished. */
  tendersFinishedBy: string;
  /** M3: liaison list due to the provincial department. */
  liaisonsFiledBy: string;
  /** M4: acceptance finished. */
  acceptanceBy: string;
  /** M5: promotion and performance evaluation, a period. */
  evaluationFrom: string;
  evaluationTo: string;
  /** A deadline shows as "due soon" this many days ahead. */
  dueSoonDays: number;
};

export const DEFAULT_MILESTONES: MilestoneSettings = {
  planFiledBy: "2017-11-30",
  tendersFinishedBy: "2017-12-31",
  liaisonsFiledBy: "2017-12-31",
  acceptanceBy: "2018-10-31",
  evaluationFrom: "2018-11-01",
  evaluationTo: "2018-12-31",
  dueSoonDays: 14,
};

export type TimelineInput = {
  asOf: string;
  /** The day the original fund arrangement was filed (报省备案), and approved. */
  planFiledOn: string | null;
  planApprovedOn: string | null;
  /** The day the last live tender was awarded, once every live tender was (M2). */
  tendersFinishedOn: string | null;
  liaisonsFiledOn: string | null;
  /** The day the third-party assessor signed the scorecard (M4). */
  acceptanceSignedOn: string | null;
  contracts: { contractNo: string; title: string; completionDue: string | null; acceptedOn: string | null }[];
  deliverables: { contractNo: string; name: string; dueOn: string | null; doneOn: string | null }[];
  /** Reports owed and not yet received, with their due day (R2). */
  reportsOwed: { title: string; dueOn: string }[];
  /** Construction and disbursement progress (E4), with the threshold; judged at M4, a warning before. */
  progress?: { constructionBp: number; disbursementBp: number; thresholdBp: number };
};

export type TimelineEntry = {
  key: string;
  kind: "milestone" | "contract" | "deliverable" | "report";
  /** The rule behind the deadline (M1–M5, R2). */
  rule: string | null;
  title: Bilingual;
  /** First day of a period (M5); null for a plain deadline. */
  startOn: string | null;
  dueOn: string;
  doneOn: string | null;
  status: TimelineStatus;
  /** Done, but after its due day. */
  isLate: boolean;
  /** Not done, due within the next `dueSoonDays`. */
  isDueSoon: boolean;
  /** Days past due (overdue, or done late); 0 otherwise. */
  daysLate: number;
  note: string;
};

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const laterOf = (a: string, b: string) => (a.localeCompare(b) > 0 ? a : b);

/** Done (on or before asOf), overdue (past due and not done), or due. */
export function timelineStatus(dueOn: string, doneOn: string | null, asOf: string): TimelineStatus {
  if (doneOn && doneOn <= asOf) return "done";
  return asOf > dueOn ? "overdue" : "due";
}

type Draft = Pick<TimelineEntry, "key" | "kind" | "rule" | "title" | "dueOn" | "note"> & {
  startOn?: string;
  doneOn: string | null;
};

function entry(d: Draft, asOf: string, settings: MilestoneSettings): TimelineEntry {
  // A completion recorded after asOf had not happened yet on asOf.
  const doneOn = d.doneOn && d.doneOn <= asOf ? d.doneOn : null;
  const status = timelineStatus(d.dueOn, doneOn, asOf);
  const daysLate =
    status === "overdue"
      ? daysBetween(d.dueOn, asOf)
      : doneOn && doneOn > d.dueOn
        ? daysBetween(d.dueOn, doneOn)
        : 0;
  return {
    ...d,
    startOn: d.startOn ?? null,
    doneOn,
    status,
    isLate: status === "done" && doneOn! > d.dueOn,
    isDueSoon: status === "due" && daysBetween(asOf, d.dueOn) <= settings.dueSoonDays,
    daysLate,
  };
}

/** Rule E4 reading: before the M4 date, progress under the threshold is a warning, not yet a veto. */
export function progressWarning(
  input: Pick<TimelineInput, "asOf" | "progress">,
  settings: MilestoneSettings,
): string {
  const p = input.progress;
  if (!p || input.asOf >= settings.acceptanceBy) return "";
  const low = [
    ...(p.constructionBp < p.thresholdBp ? [`建设进度 ${p.constructionBp / 100}%`] : []),
    ...(p.disbursementBp < p.thresholdBp ? [`资金拨付进度 ${p.disbursementBp / 100}%`] : []),
  ];
  return low.length
    ? `；预警：${low.join("，")} 低于 ${p.thresholdBp / 100}%，验收时（${settings.acceptanceBy}）仍低于则一票否决（E4）`
    : "";
}

const KIND_ORDER: Record<TimelineEntry["kind"], number> = {
  milestone: 0,
  contract: 1,
  deliverable: 2,
  report: 3,
};

/** The county's timeline as of `input.asOf`, in due-date order (milestones first on a shared day). */
export function buildTimeline(
  input: TimelineInput,
  settings: MilestoneSettings = DEFAULT_MILESTONES,
): TimelineEntry[] {
  const { asOf } = input;
  const approved =
    input.planApprovedOn && input.planApprovedOn <= asOf ? `，${input.planApprovedOn} 批复` : "";
  const drafts: Draft[] = [
    {
      key: "M1",
      kind: "milestone",
      rule: "M1",
      title: { zh: "实施方案与资金安排报省备案", en: "Work plan and fund arrangement filed" },
      dueOn: settings.planFiledBy,
      doneOn: input.planFiledOn,
      note:
        input.planFiledOn && input.planFiledOn <= asOf
          ? `${input.planFiledOn} 报省备案${approved}`
          : "尚未报省备案",
    },
    {
      key: "M2",
      kind: "milestone",
      rule: "M2",
      title: { zh: "完成招标", en: "Tenders finished" },
      dueOn: settings.tendersFinishedBy,
      doneOn: input.tendersFinishedOn,
      note:
        input.tendersFinishedOn && input.tendersFinishedOn <= asOf
          ? `最后一项招标 ${input.tendersFinishedOn} 定标`
          : "仍有招标未定标（或尚无招标）",
    },
    {
      key: "M3",
      kind: "milestone",
      rule: "M3",
      title: { zh: "报送信息联络员名单", en: "Liaison list filed" },
      dueOn: settings.liaisonsFiledBy,
      doneOn: input.liaisonsFiledOn,
      note:
        input.liaisonsFiledOn && input.liaisonsFiledOn <= asOf
          ? `${input.liaisonsFiledOn} 报送`
          : "尚未报送信息联络员名单",
    },
    {
      key: "M4",
      kind: "milestone",
      rule: "M4",
      title: { zh: "完成第三方验收", en: "Acceptance finished" },
      dueOn: settings.acceptanceBy,
      doneOn: input.acceptanceSignedOn,
      note:
        (input.acceptanceSignedOn && input.acceptanceSignedOn <= asOf
          ? `第三方评估机构 ${input.acceptanceSignedOn} 签署验收结论`
          : "第三方评估机构尚未签署验收结论") + progressWarning(input, settings),
    },
    {
      key: "M5",
      kind: "milestone",
      rule: "M5",
      title: { zh: "总结推广与绩效评价", en: "Promotion and performance evaluation" },
      startOn: settings.evaluationFrom,
      dueOn: settings.evaluationTo,
      // The evaluation grades the signed scorecard: it can be done once both the period opened and the
      // acceptance was signed.
      doneOn: input.acceptanceSignedOn ? laterOf(input.acceptanceSignedOn, settings.evaluationFrom) : null,
      note: input.acceptanceSignedOn ? "依据已签署的验收结论进行绩效评价" : "绩效评价须待验收结论签署",
    },
  ];
  for (const c of input.contracts) {
    if (!c.completionDue) continue;
    drafts.push({
      key: `contract:${c.contractNo}`,
      kind: "contract",
      rule: null,
      title: {
        zh: `合同 ${c.contractNo} 完工验收：${c.title}`,
        en: `Contract ${c.contractNo} completed: ${c.title}`,
      },
      dueOn: c.completionDue,
      doneOn: c.acceptedOn,
      note: c.acceptedOn && c.acceptedOn <= asOf ? `${c.acceptedOn} 验收通过` : "尚未完工验收",
    });
  }
  for (const d of input.deliverables) {
    if (!d.dueOn) continue;
    drafts.push({
      key: `deliverable:${d.contractNo}:${d.name}`,
      kind: "deliverable",
      rule: "E4",
      title: { zh: `${d.name}（合同 ${d.contractNo}）`, en: `${d.name} (contract ${d.contractNo})` },
      dueOn: d.dueOn,
      doneOn: d.doneOn,
      note: d.doneOn && d.doneOn <= asOf ? `${d.doneOn} 完成` : "尚未完成",
    });
  }
  for (const r of input.reportsOwed) {
    drafts.push({
      key: `report:${r.title}`,
      kind: "report",
      rule: "R2",
      title: { zh: r.title, en: r.title },
      dueOn: r.dueOn,
      doneOn: null,
      note: "尚未报送",
    });
  }
  return drafts
    .map((d) => entry(d, asOf, settings))
    .sort(
      (a, b) =>
        a.dueOn.localeCompare(b.dueOn) ||
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        a.key.localeCompare(b.key),
    );
}
