/**
 * The acceptance procedure of a county (rule K1, timeline M4): the contractor applies, the county
 * commissions a qualified third party, the third party assesses, the county files the acceptance
 * and fund audit reports, the city and then the province review the filing, the province may
 * spot-check construction, failed items and confirmed findings are rectified and re-assessed, and
 * the 10% retained (F7) is paid once the province's review has approved the acceptance.
 *
 * Pure: the status of each step as of a date, and whether an account of a role may take a step
 * now. The server records the steps and asks these functions before it writes.
 */

// rule K1
export const PROCEDURE_STEPS = [
  "application",
  "commission",
  "assessment",
  "filing",
  "city_review",
  "province_review",
  "spot_check",
  "rectification",
  "retainage",
] as const;

export type ProcedureStep = (typeof PROCEDURE_STEPS)[number];
export type StepStatus = "done" | "open" | "not_started" | "n/a";

export const STEP_NAMES: Record<ProcedureStep, { zh: string; en: string }> = {
  application: { zh: "承办企业申请验收", en: "Contractor applies" },
  commission: { zh: "县委托第三方", en: "County commissions third party" },
  assessment: { zh: "第三方评估", en: "Third-party assessment" },
  filing: { zh: "县报送验收与审计报告", en: "County files reports" },
  city_review: { zh: "市级审核", en: "City review" },
  province_review: { zh: "省级审核", en: "Province review" },
  spot_check: { zh: "省级抽查", en: "Province spot check" },
  rectification: { zh: "整改与复核", en: "Rectification" },
  retainage: { zh: "尾款拨付", en: "Retainage released" },
};

/** Who takes each step (K1): the account's role. Rectification: the county fixes, the assessor re-assesses. */
export const STEP_ACTORS: Record<ProcedureStep, readonly string[]> = {
  application: ["contractor"],
  commission: ["county_admin"],
  assessment: ["assessor"],
  filing: ["county_admin"],
  city_review: ["city_admin"],
  province_review: ["province_admin"],
  spot_check: ["province_admin"],
  rectification: ["county_admin", "assessor"],
  retainage: ["county_admin"],
};

/** A recorded step: reviews are `approved` or `returned`; the others `done`. */
export type ProcedureEvent = {
  step: Exclude<ProcedureStep, "assessment" | "rectification" | "retainage">;
  action: "done" | "approved" | "returned";
  /** YYYY-MM-DD, China time. */
  date: string;
};

export type ProcedureFacts = {
  events: readonly ProcedureEvent[];
  /** The day the assessor signed the scorecard, if signed. */
  signedOn: string | null;
  /** Each rectification: opened on, closed (re-assessed as passing) on. */
  rectifications: readonly { openedOn: string; closedOn: string | null }[];
  /** Each contract of the county: the day its retainage was released, if it was. */
  contracts: readonly { retainageReleasedOn: string | null }[];
};

export type ProcedureEntry = { step: ProcedureStep; status: StepStatus; date: string | null };

/** Where the filing stands as of a date: the latest filing and the reviews that followed it. */
export type FilingState = {
  filedOn: string | null;
  city: "approved" | "returned" | null;
  cityOn: string | null;
  province: "approved" | "returned" | null;
  provinceOn: string | null;
};

export function filingState(events: readonly ProcedureEvent[], asOf: string): FilingState {
  const state: FilingState = { filedOn: null, city: null, cityOn: null, province: null, provinceOn: null };
  // Events in date order, a day's events in the order recorded: a return sends the filing back,
  // and a new filing starts a new round of reviews.
  const dated = events.map((e, i) => ({ e, i })).filter(({ e }) => e.date <= asOf);
  dated.sort((a, b) => (a.e.date === b.e.date ? a.i - b.i : a.e.date < b.e.date ? -1 : 1));
  for (const { e } of dated) {
    if (e.step === "filing")
      Object.assign(state, { filedOn: e.date, city: null, cityOn: null, province: null, provinceOn: null });
    else if (e.step === "city_review" && e.action !== "done")
      Object.assign(state, { city: e.action, cityOn: e.date });
    else if (e.step === "province_review" && e.action !== "done")
      Object.assign(state, { province: e.action, provinceOn: e.date });
  }
  return state;
}

const firstDate = (events: readonly ProcedureEvent[], step: ProcedureEvent["step"], asOf: string) =>
  events
    .filter((e) => e.step === step && e.date <= asOf)
    .map((e) => e.date)
    .sort()[0] ?? null;

/** The day acceptance passed (the province approved the filing), as of a date; null if not yet. */
export function acceptancePassedOn(facts: Pick<ProcedureFacts, "events">, asOf: string): string | null {
  const state = filingState(facts.events, asOf);
  return state.province === "approved" ? state.provinceOn : null;
}

/** The nine steps of K1 as of a date, in order; a step done after `asOf` is not done. */
export function procedureAsOf(facts: ProcedureFacts, asOf: string): ProcedureEntry[] {
  const applied = firstDate(facts.events, "application", asOf);
  const commissioned = firstDate(facts.events, "commission", asOf);
  const signed = facts.signedOn && facts.signedOn <= asOf ? facts.signedOn : null;
  const filing = filingState(facts.events, asOf);
  const cityDone = filing.city === "approved";
  const provinceDone = filing.province === "approved";
  const spotChecked = firstDate(facts.events, "spot_check", asOf);
  const rects = facts.rectifications.filter((r) => r.openedOn <= asOf);
  const openRects = rects.filter((r) => !r.closedOn || r.closedOn > asOf);
  const released = facts.contracts.map((c) =>
    c.retainageReleasedOn && c.retainageReleasedOn <= asOf ? c.retainageReleasedOn : null,
  );

  const seq = (done: string | null, ready: boolean): [StepStatus, string | null] =>
    done ? ["done", done] : ready ? ["open", null] : ["not_started", null];
  const entries: [ProcedureStep, [StepStatus, string | null]][] = [
    ["application", applied ? ["done", applied] : ["not_started", null]],
    ["commission", seq(commissioned, !!applied)],
    ["assessment", seq(signed, !!commissioned)],
    // A filing sent back by the city or the province is open again until the county refiles.
    [
      "filing",
      filing.filedOn && filing.city !== "returned" && filing.province !== "returned"
        ? ["done", filing.filedOn]
        : seq(null, !!signed),
    ],
    ["city_review", seq(cityDone ? filing.cityOn : null, !!filing.filedOn && filing.city === null)],
    ["province_review", seq(provinceDone ? filing.provinceOn : null, cityDone && filing.province === null)],
    // The province samples some counties; one it did not sample is n/a once its review is done.
    [
      "spot_check",
      spotChecked ? ["done", spotChecked] : provinceDone ? ["n/a", null] : ["not_started", null],
    ],
    [
      "rectification",
      rects.length === 0
        ? signed
          ? ["n/a", null]
          : ["not_started", null]
        : openRects.length > 0
          ? ["open", null]
          : [
              "done",
              rects
                .map((r) => r.closedOn as string)
                .sort()
                .at(-1) ?? null,
            ],
    ],
    [
      "retainage",
      facts.contracts.length === 0
        ? ["n/a", null]
        : released.every((d) => d)
          ? ["done", (released as string[]).sort().at(-1) ?? null]
          : provinceDone
            ? ["open", null]
            : ["not_started", null],
    ],
  ];
  return entries.map(([step, [status, date]]) => ({ step, status, date }));
}

export type StepRefusal = { status: 403 | 409; code: string; zh: string; en: string; rule: "K1" | "F7" };

const refuse = (
  status: 403 | 409,
  code: string,
  zh: string,
  en: string,
  rule: "K1" | "F7" = "K1",
): StepRefusal => ({
  status,
  code,
  zh: `${zh}（规则 ${rule}）`,
  en: `${en} (rule ${rule})`,
  rule,
});

export type StepAction =
  | { step: "application" | "commission" | "filing" | "spot_check" | "retainage"; action?: "done" }
  | { step: "city_review" | "province_review"; action: "approved" | "returned" }
  | { step: "assessment" | "rectification" };

/**
 * May an account of `role` take `step` on `date` (K1)? Null when it may; otherwise the refusal:
 * 403 for a role that does not act on that step, 409 for a step out of order or already taken.
 */
export function checkStep(
  facts: ProcedureFacts,
  take: StepAction,
  role: string,
  date: string,
): StepRefusal | null {
  const { step } = take;
  if (!STEP_ACTORS[step].includes(role)) {
    return refuse(
      403,
      "procedure_role",
      `“${STEP_NAMES[step].zh}”不由该角色办理`,
      `Your role does not take the step "${STEP_NAMES[step].en}"`,
    );
  }
  const status = new Map(procedureAsOf(facts, date).map((e) => [e.step, e.status]));
  const filing = filingState(facts.events, date);
  const outOfOrder = (before: ProcedureStep) =>
    refuse(
      409,
      "procedure_out_of_order",
      `须先完成“${STEP_NAMES[before].zh}”`,
      `"${STEP_NAMES[before].en}" must come first`,
    );
  const already = () =>
    refuse(
      409,
      "procedure_step_done",
      `“${STEP_NAMES[step].zh}”已办理`,
      `"${STEP_NAMES[step].en}" is already done`,
    );
  // A later step on record (dated after `date`) also makes this one out of order: steps are dated.
  const later = facts.events.find(
    (e) => e.date > date && PROCEDURE_STEPS.indexOf(e.step) > PROCEDURE_STEPS.indexOf(step),
  );
  if (later && step !== "spot_check") {
    return refuse(
      409,
      "procedure_out_of_order",
      `日期早于已登记的“${STEP_NAMES[later.step].zh}”（${later.date}）`,
      `Dated before the recorded "${STEP_NAMES[later.step].en}" (${later.date})`,
    );
  }
  switch (step) {
    case "application":
      return status.get("application") === "done" ? already() : null;
    case "commission":
      if (status.get("application") !== "done") return outOfOrder("application");
      return status.get("commission") === "done" ? already() : null;
    case "assessment":
      if (status.get("commission") !== "done") return outOfOrder("commission");
      return status.get("assessment") === "done" ? already() : null;
    case "filing":
      if (status.get("assessment") !== "done") return outOfOrder("assessment");
      return status.get("filing") === "done" ? already() : null;
    case "city_review":
      if (!filing.filedOn || status.get("filing") !== "done") return outOfOrder("filing");
      return filing.city ? already() : null;
    case "province_review":
      if (filing.city !== "approved") return outOfOrder("city_review");
      return filing.province ? already() : null;
    case "spot_check":
      return filing.province === "approved" ? null : outOfOrder("province_review");
    case "rectification":
      return status.get("assessment") === "done" || filing.filedOn ? null : outOfOrder("assessment");
    case "retainage":
      // rule F7: the 10% is paid only after acceptance passes (the province approved the filing).
      return filing.province === "approved"
        ? null
        : refuse(
            409,
            "retainage_before_acceptance",
            "验收通过（省级审核同意）前不得拨付预留的10%尾款",
            "The 10% retained may be paid only after acceptance passes (the province approved the filing)",
            "F7",
          );
  }
}
