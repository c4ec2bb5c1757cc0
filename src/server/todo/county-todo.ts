/**
 * A county officer's to-do list (待办事项) as of a date, composed from every area: reports due or
 * late (R2), a fund-arrangement notice period running or ended without filing (F6), open
 * rectifications with their deadlines (K1), unexplained data-quality flags (E5 leads), items
 * missing from the public column (T1–T4, E2), and payments waiting for their invoices (C3). Each
 * entry links to the page where the chore is done. Composed across domains, like jobs/.
 */
import { HEBEI_2017 } from "../../rules/acceptance/standard";
import { REPORT_KIND_NAMES } from "../../rules/reporting";
import { checkColumn } from "../../rules/transparency";
import { analyzeFunds, loadFundsSnapshot } from "../funds/index";
import { stationCounts } from "../network/index";
import { listFlags } from "../operations/index";
import type { Db } from "../platform/db/database";
import { listRectifications } from "../procedure/index";
import {
  columnAsOf,
  columnSnapshot,
  countyReportingStatus,
  loadColumn,
  loadReportingSettings,
} from "../reporting/index";

const ITEM_TITLES = new Map([...HEBEI_2017.items, ...HEBEI_2017.veto].map((i) => [i.id, i.title.zh]));

export type TodoItem = {
  kind: "report" | "notice" | "rectification" | "data_quality" | "column" | "invoice";
  title: string;
  detail: string;
  /** The day it is due; null for a standing gap. */
  dueOn: string | null;
  state: "overdue" | "due" | "open";
  /** The web page where it is done. */
  link: string;
};

export type CountyTodo = {
  countyCode: string;
  asOf: string;
  items: TodoItem[];
  counts: { overdue: number; due: number; open: number };
  stations: { inService: number; registered: number };
};

const ORDER = { overdue: 0, due: 1, open: 2 } as const;

export async function countyTodo(db: Db, countyCode: string, asOf: string): Promise<CountyTodo> {
  const base = `/counties/${countyCode}`;
  const items: TodoItem[] = [];

  const reporting = await countyReportingStatus(db.db, countyCode, asOf);
  for (const d of reporting.due) {
    items.push({
      kind: "report",
      title: `${d.slot.period} ${REPORT_KIND_NAMES[d.slot.kind].zh}（${d.slot.reporterName}）`,
      detail:
        d.state === "returned"
          ? "已退回，请修改后重新报送"
          : d.state === "overdue"
            ? `已逾期 ${d.daysLate} 天`
            : `${d.slot.dueOn} 前报送`,
      dueOn: d.slot.dueOn,
      state: d.state === "overdue" ? "overdue" : "due",
      link: d.reportId ? `${base}/reporting?report=${d.reportId}` : `${base}/reporting`,
    });
  }

  const snapshot = await loadFundsSnapshot(db.db, countyCode);
  if (snapshot) {
    for (const plan of snapshot.versions) {
      // A version on notice now; one filed or replaced since is no longer a chore.
      if (plan.status !== "notice" || !plan.notice_start || !plan.notice_last_day) continue;
      if (plan.notice_start > asOf) continue;
      const running = asOf <= plan.notice_last_day;
      items.push({
        kind: "notice",
        title: `资金安排第${plan.version}版公示`,
        detail: running
          ? `公示期至 ${plan.notice_last_day}，${plan.notice_earliest_submission ?? ""} 起可报省备案`
          : `公示期已于 ${plan.notice_last_day} 届满，无异议即可报省备案`,
        dueOn: plan.notice_earliest_submission,
        state: running ? "open" : "due",
        link: `${base}/funds`,
      });
    }
    const funds = analyzeFunds(snapshot, asOf, "zh");
    for (const c of funds.contracts) {
      for (const p of c.payments) {
        if (p.invoicedFen >= p.amount_fen) continue;
        items.push({
          kind: "invoice",
          title: `合同 ${c.contract.contract_no} ${p.paid_on} 支付待补发票`,
          detail: `已开票 ${(p.invoicedFen / 100).toFixed(2)} 元 / 支付 ${(p.amount_fen / 100).toFixed(2)} 元，须补齐发票`,
          dueOn: null,
          state: "open",
          link: `${base}/procurement`,
        });
      }
    }
  }

  for (const r of await listRectifications(db.db, countyCode)) {
    if (r.closedOn && r.closedOn <= asOf) continue;
    if (r.openedOn > asOf) continue;
    items.push({
      kind: "rectification",
      // The item by its name (村级服务站点), not its id (A3): the officer reads words.
      title: `整改：${ITEM_TITLES.get(r.ref) ?? r.ref}——${r.problem}`,
      detail: `责任人 ${r.owner}，${r.deadline} 前完成`,
      dueOn: r.deadline,
      state: r.deadline < asOf ? "overdue" : "due",
      link: `${base}/acceptance`,
    });
  }

  const flags = (await listFlags(db.db, { countyCodes: [countyCode], status: "open" })).filter(
    (f) => f.period <= asOf,
  );
  if (flags.length) {
    items.push({
      kind: "data_quality",
      title: `${flags.length} 条数据质量问题待核实说明`,
      detail: flags
        .slice(0, 3)
        .map((f) => f.summary.zh)
        .join("；"),
      dueOn: null,
      state: "open",
      link: `${base}/operations`,
    });
  }

  const settings = await loadReportingSettings(db.db);
  const column = columnSnapshot(columnAsOf(await loadColumn(db.db, countyCode), asOf));
  const missing = checkColumn(column, asOf, settings.transparency).missing;
  if (missing.length) {
    items.push({
      kind: "column",
      title: `公开专栏缺 ${missing.length} 项（缺项将一票否决）`,
      detail: missing
        .slice(0, 3)
        .map((m) => m.name)
        .join("；"),
      dueOn: null,
      state: "open",
      link: `${base}/column`,
    });
  }

  items.sort(
    (a, b) => ORDER[a.state] - ORDER[b.state] || (a.dueOn ?? "9999").localeCompare(b.dueOn ?? "9999"),
  );
  const stations = await stationCounts(db.db, countyCode, asOf);
  return {
    countyCode,
    asOf,
    items,
    counts: {
      overdue: items.filter((i) => i.state === "overdue").length,
      due: items.filter((i) => i.state === "due").length,
      open: items.filter((i) => i.state === "open").length,
    },
    stations,
  };
}
