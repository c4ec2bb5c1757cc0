/**
 * The third-party assessor's landing (issue 18.3): the counties that engaged it (grants), each with
 * its verdict as of a date and what waits for the assessor there: items and veto items the data
 * cannot decide (pending its decision, E5 leads included), the K1 assessment step once commissioned,
 * and rectifications whose evidence awaits re-assessment. Composed through the domains' exports.
 */
import { STEP_NAMES } from "../../rules/acceptance/procedure";
import { currentStandard, getScorecard, latestSignoff } from "../acceptance/index";
import type { Db } from "../platform/db/database";
import type { RouteContext } from "../platform/domain";
import { listRectifications } from "../procedure/index";

export type AssessorTask = {
  kind: "decision" | "assessment" | "reassessment";
  /** The item id (A1 … E5) or rectification reference, for a tooltip; never the label. */
  ref: string;
  title: string;
  detail: string;
  link: string;
};

export type AssessorCounty = {
  code: string;
  name: string;
  verdict: "passed" | "failed" | "vetoed" | "incomplete";
  counts: { pass: number; fail: number; pending: number };
  signedAt: string | null;
  tasks: AssessorTask[];
};

export type AssessorHome = {
  asOf: string;
  counties: AssessorCounty[];
  totals: { decisions: number; assessments: number; reassessments: number };
};

export async function assessorHome(options: {
  db: Db;
  countyFacts: RouteContext["countyFacts"];
  /** The counties that granted the assessor access, with their names. */
  counties: { code: string; name: string }[];
  asOf: string;
}): Promise<AssessorHome> {
  const { db, asOf } = options;
  const standard = await currentStandard(db.db);
  const titleOf = new Map([...standard.items, ...standard.veto].map((i) => [i.id, i.title.zh]));
  const counties: AssessorCounty[] = [];
  for (const county of options.counties) {
    const link = `/counties/${county.code}/acceptance`;
    const [card, signoff, rectifications] = await Promise.all([
      getScorecard({ db, countyFacts: options.countyFacts, countyCode: county.code, asOf }),
      latestSignoff(db.db, county.code),
      listRectifications(db.db, county.code),
    ]);
    const tasks: AssessorTask[] = [];
    for (const item of [...card.items, ...card.veto].filter((i) => i.status === "pending")) {
      tasks.push({
        kind: "decision",
        ref: item.id,
        title: `待您评定：${titleOf.get(item.id) ?? item.id}`,
        detail: item.note,
        link,
      });
    }
    const assessment = card.procedure.find((p) => p.step === "assessment");
    if (assessment?.status === "open") {
      tasks.push({
        kind: "assessment",
        ref: "K1",
        title: `${STEP_NAMES.assessment.zh}：县已委托，待评估并签署`,
        detail: card.procedure.find((p) => p.step === "commission")?.date
          ? `委托日期 ${card.procedure.find((p) => p.step === "commission")!.date}`
          : "",
        link,
      });
    }
    for (const r of rectifications) {
      if (r.closedOn || r.openedOn > asOf) continue;
      const last = r.history.filter((e) => e.date <= asOf).at(-1);
      if (last?.kind !== "evidence") continue;
      tasks.push({
        kind: "reassessment",
        ref: r.ref,
        title: `整改待复核：${titleOf.get(r.ref) ?? r.ref}`,
        detail: `${r.problem}（县于 ${last.date} 提交整改材料）`,
        link,
      });
    }
    counties.push({
      code: county.code,
      name: county.name,
      verdict: card.verdict,
      counts: {
        pass: card.items.filter((i) => i.status === "pass").length,
        fail: card.items.filter((i) => i.status === "fail").length,
        pending: card.items.filter((i) => i.status === "pending").length,
      },
      signedAt: signoff?.signed_at ?? null,
      tasks,
    });
  }
  const count = (kind: AssessorTask["kind"]) =>
    counties.reduce((n, c) => n + c.tasks.filter((t) => t.kind === kind).length, 0);
  return {
    asOf,
    counties,
    totals: {
      decisions: count("decision"),
      assessments: count("assessment"),
      reassessments: count("reassessment"),
    },
  };
}
