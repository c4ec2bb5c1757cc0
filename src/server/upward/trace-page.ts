/**
 * The public trace page of a batch (rule O7): plain server-rendered HTML in Chinese, readable
 * without JavaScript on a cheap phone, every value escaped. It shows the product, its producer,
 * its origin, the inspections and the chain of events; a voided event stays visible, struck
 * through, beside its correction. It shows no people: no names, phones, notes or account names.
 */
import { TRACE_STEPS, TRACE_UNITS, type TraceStep, type TraceUnit } from "../../rules/upward";
import type { TraceChain } from "./trace.repository";
import type { TraceEventTable } from "./upward.tables";

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:16px/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f2329;background:#f5f6f7}
main{max-width:640px;margin:0 auto;padding:12px}header{background:#1f7a3f;color:#fff;padding:16px 12px;border-radius:8px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:0 0 8px;color:#1f7a3f}
.sub{margin:0;font-size:14px;opacity:.9;word-break:break-all}section{background:#fff;border-radius:8px;padding:12px;margin-top:12px}
dl{margin:0;display:grid;grid-template-columns:6em 1fr;gap:4px 8px}dt{color:#646a73}dd{margin:0;word-break:break-all}
ol{list-style:none;margin:0;padding:0}li{border-left:3px solid #1f7a3f;padding:0 0 12px 12px;position:relative}
li time{display:block;font-size:13px;color:#646a73}.void{border-color:#c9cdd4;color:#8f959e}.void .what{text-decoration:line-through}
.tag{display:inline-block;font-size:12px;padding:0 6px;border-radius:4px;background:#e8f3ec;color:#1f7a3f;margin-left:4px}
.fail{background:#fdecee;color:#c02c38}.muted{color:#646a73;font-size:13px}footer{text-align:center;font-size:12px;color:#8f959e;padding:16px 0}
a{color:#1f5fbf}`;

const RESULT = { pass: "合格", fail: "不合格" } as const;
const REASON: Record<string, string> = { did_not_occur: "该环节未发生", incorrect_data: "记录有误" };

type Inspection = { item: string; result: "pass" | "fail"; agency: string; reportNo: string };

/** `2018-06-01 08:30` in China time from a stored +08:00 timestamp. */
const localTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

function quantity(q: number | null, unit: string | null): string {
  return q === null || !unit ? "" : `${q}${TRACE_UNITS[unit as TraceUnit]?.zh ?? ""}`;
}

export function renderTracePage(chain: TraceChain): string {
  const { batch, sites } = chain;
  const declarations = new Map(
    chain.events.filter((e) => e.voids_event_id).map((e) => [e.voids_event_id!, e]),
  );
  const live = chain.events.filter((e) => !e.voids_event_id);
  const own = live.filter((e) => e.batch_id === batch.id);
  const isLive = (e: TraceEventTable) => !declarations.has(e.id);
  const siteText = (id: string | null) => {
    const site = id ? sites.get(id) : undefined;
    return site
      ? `${escapeHtml(site.name)}${site.place ? `<span class="muted">（${escapeHtml(site.place)}）</span>` : ""}`
      : "";
  };

  const origins = live.filter(
    (e) => isLive(e) && (e.step === "harvesting" || e.step === "planting") && e.site_id,
  );
  const originSites = [...new Set(origins.map((e) => e.site_id!))];
  const harvest = own.find((e) => isLive(e) && e.step === "harvesting");
  const inspections = live.filter((e) => isLive(e) && e.inspection);

  const batchName = (id: string) => (id === batch.id ? "" : (chain.inputBatches.get(id)?.product_name ?? ""));

  const inputsText = (e: TraceEventTable) =>
    e.inputs
      ? (JSON.parse(e.inputs) as { batchId: string; quantity: number; unit: string }[])
          .map((i) =>
            `${chain.inputBatches.get(i.batchId)?.product_name ?? ""} ${quantity(i.quantity, i.unit)}`.trim(),
          )
          .join("、")
      : "";

  const eventItem = (e: TraceEventTable) => {
    const declaration = declarations.get(e.id);
    const step = TRACE_STEPS[e.step as TraceStep];
    const inspection = e.inspection ? (JSON.parse(e.inspection) as Inspection) : undefined;
    const from = batchName(e.batch_id);
    const parts = [
      `<span class="what"><b>${escapeHtml(step?.zh ?? e.step)}</b>`,
      from ? `<span class="tag">原料：${escapeHtml(from)}</span>` : "",
      inspection
        ? ` ${escapeHtml(inspection.item)}<span class="tag${inspection.result === "fail" ? " fail" : ""}">${RESULT[inspection.result]}</span>`
        : "",
      quantity(e.quantity, e.unit) ? ` ${escapeHtml(quantity(e.quantity, e.unit))}` : "",
      inputsText(e) ? `<br><span class="muted">原料：${escapeHtml(inputsText(e))}</span>` : "",
      "</span>",
      e.site_id ? `<br>${siteText(e.site_id)}` : "",
      declaration
        ? `<br><span class="muted">已作废：${escapeHtml(REASON[declaration.error_reason ?? ""] ?? "记录有误")}（${escapeHtml(localTime(declaration.recorded_at))} 更正）</span>`
        : "",
    ];
    return `<li${declaration ? ' class="void"' : ""}><time>${escapeHtml(localTime(e.event_time))}</time>${parts.join("")}</li>`;
  };

  const title = `${batch.product_name} · 产品追溯`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${escapeHtml(batch.product_name)}</h1>
<p class="sub">追溯码 ${escapeHtml(batch.code)} · 批号 ${escapeHtml(batch.lot)}</p>
</header>
<section>
<h2>产品信息</h2>
<dl>
<dt>生产企业</dt><dd>${escapeHtml(batch.enterprise_name)}</dd>
${batch.brand_name ? `<dt>品牌</dt><dd>${escapeHtml(batch.brand_name)}</dd>` : ""}
<dt>批次数量</dt><dd>${escapeHtml(quantity(Number(batch.quantity), batch.unit))}</dd>
${harvest ? `<dt>采收日期</dt><dd>${escapeHtml(harvest.event_time.slice(0, 10))}</dd>` : ""}
</dl>
</section>
<section>
<h2>产地</h2>
${originSites.length ? originSites.map((s) => `<p>${siteText(s)}</p>`).join("\n") : '<p class="muted">暂无产地记录</p>'}
</section>
<section>
<h2>检测</h2>
${
  inspections.length
    ? `<ol>${inspections
        .map((e) => {
          const i = JSON.parse(e.inspection!) as Inspection;
          return `<li><time>${escapeHtml(e.event_time.slice(0, 10))}</time><b>${escapeHtml(i.item)}</b><span class="tag${i.result === "fail" ? " fail" : ""}">${RESULT[i.result]}</span><br><span class="muted">${escapeHtml(i.agency)}${i.reportNo ? ` · 报告编号 ${escapeHtml(i.reportNo)}` : ""}</span></li>`;
        })
        .join("")}</ol>`
    : '<p class="muted">暂无检测记录</p>'
}
</section>
<section>
<h2>流转记录</h2>
${live.length ? `<ol>${live.map(eventItem).join("\n")}</ol>` : '<p class="muted">暂无记录</p>'}
</section>
<footer>电子商务进农村综合示范 · 农产品质量追溯<br><a href="/t/${encodeURIComponent(batch.code)}.json">EPCIS 2.0 数据</a></footer>
</main>
</body>
</html>
`;
}

export function renderTraceNotFound(): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>未找到追溯码</title><style>${STYLE}</style></head>
<body><main><section><h2>未找到该追溯码</h2><p>请核对包装上的追溯码，或联系销售方。</p></section></main></body></html>
`;
}
