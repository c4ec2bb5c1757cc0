/**
 * The public transparency pages (T1–T4), rendered on the server as plain HTML in Chinese: readable
 * without JavaScript, by search engines, screen readers and low-end phones; mobile-first CSS inline;
 * every text escaped. They show what T1–T3 require and nothing more: names and roles of the
 * responsible persons, never telephone numbers of people, liaisons or citizens (R1).
 */
import { formatBp, formatYuan } from "../../../rules/money";
import {
  COLUMN_ITEMS,
  type ColumnCheck,
  FUND_USE_LABEL,
  PROJECT_FIELDS,
  type ProjectFieldKey,
  WINDOW_NAMES,
} from "../../../rules/transparency";
import type { Column, ColumnDocument, ColumnProject } from "../column/column.repository";
import type { PublicMessage } from "./public-messages.repository";

export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

/** Escaped text with its line breaks kept as paragraphs. */
function paragraphs(text: string): string {
  return text
    .split(/\n{2,}|\r\n\r\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p).replace(/\r?\n/g, "<br>")}</p>`)
    .join("");
}

/** No scripts, no outside resources, no framing: a strict policy the pages can live with. */
export const PUBLIC_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const STYLE = `
*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.7 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1d2129;background:#f2f3f5}
a{color:#0b57c4}a:focus,button:focus,input:focus,textarea:focus{outline:3px solid #f7ba1e;outline-offset:1px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:1}
header.top{background:#a61b1b;color:#fff;padding:16px 14px}header.top a{color:#fff}
header.top p{margin:4px 0 0;font-size:14px}h1{font-size:21px;line-height:1.4;margin:0}
main{max-width:760px;margin:0 auto;padding:10px}
section{background:#fff;border-radius:6px;padding:12px 14px;margin:10px 0}
h2{font-size:18px;margin:0 0 8px;color:#a61b1b;border-left:4px solid #a61b1b;padding-left:8px}
h3{font-size:16px;margin:12px 0 6px}
nav ul{display:flex;flex-wrap:wrap;gap:6px;list-style:none;margin:0;padding:0}
nav a{display:inline-block;padding:4px 10px;border:1px solid #c9cdd4;border-radius:14px;background:#fff;text-decoration:none;font-size:14px}
dl{margin:0;display:grid;grid-template-columns:1fr;gap:0}dt{font-weight:600;color:#4e5969;margin-top:8px}dd{margin:0;word-break:break-word}dd p{margin:0 0 4px}
@media (min-width:560px){dl{grid-template-columns:7.5em 1fr;gap:6px 12px}dt{margin-top:0}}
.project{border:1px solid #e5e6eb;border-radius:6px;padding:10px 12px;margin:10px 0}
.missing{color:#b42318;font-weight:600}.muted{color:#4e5969;font-size:14px}
.bar{height:10px;background:#e5e6eb;border-radius:5px;overflow:hidden;max-width:320px}.bar span{display:block;height:100%;background:#1f7a3f}
ul.docs{margin:4px 0;padding-left:20px}
.ok{color:#1f7a3f;font-weight:600}
table{width:100%;border-collapse:collapse;font-size:15px}th,td{text-align:left;padding:6px 4px;border-bottom:1px solid #e5e6eb}
label{display:block;font-weight:600;margin-top:10px}input,textarea{width:100%;font:inherit;padding:8px;border:1px solid #86909c;border-radius:4px}
textarea{min-height:140px}button{font:inherit;margin-top:12px;padding:10px 18px;background:#a61b1b;color:#fff;border:0;border-radius:4px}
.error{background:#fdecee;border:1px solid #f3b7be;color:#8a1c1c;padding:8px 10px;border-radius:4px}
.notice{background:#e8f3ec;border:1px solid #b7dfc3;padding:10px;border-radius:4px}
.tracking{font:600 20px/1.4 ui-monospace,Menlo,Consolas,monospace;letter-spacing:1px}
.phone{font-size:18px;font-weight:600}footer{text-align:center;font-size:13px;color:#4e5969;padding:16px 8px}`;

export function page(
  title: string,
  body: string,
  heading?: { title: string; sub?: string; home?: string },
): string {
  const top = heading
    ? `<header class="top"><h1>${escapeHtml(heading.title)}</h1>${heading.sub ? `<p>${escapeHtml(heading.sub)}</p>` : ""}${
        heading.home ? `<p><a href="${escapeHtml(heading.home)}">返回省级政务公开专区</a></p>` : ""
      }</header>`
    : "";
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><a class="skip" href="#main">跳到正文</a>${top}<main id="main">${body}</main>
<footer>电子商务进农村综合示范 · 政务公开（依据河北省2017年工作方案“七、（五）推进政务公开”）</footer></body></html>`;
}

function documentList(regionCode: string, docs: readonly ColumnDocument[]): string {
  if (docs.length === 0) return "";
  const items = docs.map((d) => {
    const href = d.hasFile ? `/gk/${regionCode}/documents/${d.id}` : (d.url ?? "");
    const when = d.publishedOn ? `<span class="muted">（${escapeHtml(d.publishedOn)}）</span>` : "";
    const size =
      d.hasFile && d.fileBytes !== null
        ? `<span class="muted">（${Math.max(1, Math.round(d.fileBytes / 1024))} KB）</span>`
        : "";
    return `<li><a href="${escapeHtml(href)}">${escapeHtml(d.title)}</a>${when}${size}</li>`;
  });
  return `<ul class="docs">${items.join("")}</ul>`;
}

const NOT_PUBLISHED = `<span class="missing">（未公开）</span>`;

function projectValue(regionCode: string, p: ColumnProject, key: ProjectFieldKey): string {
  const text = (v: string) => (v.trim() ? escapeHtml(v) : NOT_PUBLISHED);
  switch (key) {
    case "name":
      return text(p.name);
    case "content":
      return p.content.trim() ? paragraphs(p.content) : NOT_PUBLISHED;
    case "contractor":
      return text(p.contractorName);
    case "subsidy":
      return p.subsidyFen === null ? NOT_PUBLISHED : escapeHtml(formatYuan(p.subsidyFen));
    case "deadline":
      return p.deadline ? escapeHtml(p.deadline) : NOT_PUBLISHED;
    case "targets":
      return p.performanceTargets.trim() ? paragraphs(p.performanceTargets) : NOT_PUBLISHED;
    case "decisionDocuments":
      return p.documents.length ? documentList(regionCode, p.documents) : NOT_PUBLISHED;
    case "responsible": {
      const county = p.countyResponsible.trim()
        ? `示范县：${escapeHtml(p.countyResponsible)}`
        : `示范县：${NOT_PUBLISHED}`;
      const contractor = p.contractorResponsible.trim()
        ? `承办单位：${escapeHtml(p.contractorResponsible)}`
        : `承办单位：${NOT_PUBLISHED}`;
      return `${county}<br>${contractor}`;
    }
    case "progress": {
      if (p.progressBp === null) return NOT_PUBLISHED;
      const pct = Math.min(100, Math.max(0, p.progressBp / 100));
      const source = p.progressSource === "monthly_report" ? "（据审核通过的月报）" : "";
      return `<div class="bar" role="img" aria-label="完成 ${escapeHtml(formatBp(p.progressBp))}"><span style="width:${pct}%"></span></div>
<div>${escapeHtml(formatBp(p.progressBp))}${p.progressUpdatedOn ? `，更新于 ${escapeHtml(p.progressUpdatedOn)}` : ""}${source}</div>${
        p.progressText.trim() ? paragraphs(p.progressText) : ""
      }`;
    }
  }
}

function projectSection(regionCode: string, p: ColumnProject, index: number): string {
  const rows = PROJECT_FIELDS.map(
    (f) => `<dt>${escapeHtml(f.label)}</dt><dd>${projectValue(regionCode, p, f.key)}</dd>`,
  );
  return `<article class="project" aria-labelledby="p${index}"><h3 id="p${index}">${escapeHtml(p.name || `第${index + 1}个项目`)}</h3><dl>${rows.join("")}</dl></article>`;
}

function entrySections(column: Column, scope: "county" | "province"): string {
  return COLUMN_ITEMS.filter((i) => i.scopes.includes(scope) && i.key !== "supervision_phone")
    .map((item) => {
      const entries = column.entries.filter((e) => e.itemKey === item.key);
      const content = entries.length
        ? entries
            .map(
              (e) =>
                `${e.title.trim() ? `<h3>${escapeHtml(e.title)}</h3>` : ""}${e.publishedOn ? `<p class="muted">发布日期：${escapeHtml(e.publishedOn)}</p>` : ""}${paragraphs(e.body)}${documentList(column.regionCode, e.documents)}`,
            )
            .join("")
        : `<p>${NOT_PUBLISHED}</p>`;
      return `<section id="${item.key}" aria-labelledby="h-${item.key}"><h2 id="h-${item.key}">${escapeHtml(item.label)}</h2>${content}</section>`;
    })
    .join("");
}

function windowsSection(regionCode: string, phone: string | null): string {
  return `<section id="windows" aria-labelledby="h-windows"><h2 id="h-windows">征求意见和举报窗口</h2>
<p><a href="/gk/${regionCode}/windows/comment">${escapeHtml(WINDOW_NAMES.comment.zh)}</a> · <a href="/gk/${regionCode}/windows/complaint">${escapeHtml(WINDOW_NAMES.complaint.zh)}</a></p>
<p>监督电话：${phone?.trim() ? `<a class="phone" href="tel:${escapeHtml(phone.replace(/[^0-9+]/g, ""))}">${escapeHtml(phone)}</a>` : NOT_PUBLISHED}</p>
${trackForm()}</section>`;
}

function trackForm(value = ""): string {
  return `<form method="get" action="/gk/track"><label for="no">查询办理进度（输入受理编号）</label>
<input id="no" name="no" required maxlength="30" autocomplete="off" value="${escapeHtml(value)}"><button type="submit">查询</button></form>`;
}

function completenessNote(check: ColumnCheck): string {
  return check.isComplete
    ? `<p class="ok">本专栏规定公开的内容齐全。</p>`
    : `<p class="missing">以下规定公开的内容尚缺：${check.missing.map((m) => escapeHtml(m.name)).join("；")}</p>`;
}

/** A county's column (T1–T4): every item under its T1 label, gaps shown as "（未公开）". */
export function renderCountyColumn(options: {
  countyCode: string;
  countyName: string;
  column: Column;
  check: ColumnCheck;
  publishedComments: readonly PublicMessage[];
}): string {
  const { countyCode, countyName, column, check } = options;
  const nav = [
    ...COLUMN_ITEMS.filter((i) => i.scopes.includes("county") && i.key !== "supervision_phone").map((i) => [
      i.key,
      i.label,
    ]),
    ["fund_use", FUND_USE_LABEL],
    ["windows", "意见与举报"],
  ]
    .map(([id, label]) => `<li><a href="#${id}">${escapeHtml(label)}</a></li>`)
    .join("");
  const projects = column.projects.length
    ? column.projects.map((p, i) => projectSection(countyCode, p, i)).join("")
    : `<p>${NOT_PUBLISHED}</p>`;
  const comments = options.publishedComments.length
    ? `<section aria-labelledby="h-replies"><h2 id="h-replies">意见答复</h2>${options.publishedComments
        .map(
          (m) =>
            `<article class="project"><h3>${escapeHtml(m.subject)}</h3><p class="muted">${escapeHtml(m.submittedAt.slice(0, 10))}</p>${paragraphs(m.body)}${
              m.reply ? `<p><strong>答复：</strong></p>${paragraphs(m.reply)}` : ""
            }</article>`,
        )
        .join("")}</section>`
    : "";
  const body = `${column.intro.trim() ? `<section>${paragraphs(column.intro)}</section>` : ""}
<section aria-label="栏目导航"><nav><ul>${nav}</ul></nav>${completenessNote(check)}</section>
${entrySections(column, "county")}
<section id="fund_use" aria-labelledby="h-fund"><h2 id="h-fund">${FUND_USE_LABEL}</h2>
<p class="muted">每个项目公开：${PROJECT_FIELDS.map((f) => escapeHtml(f.label)).join("、")}。</p>${projects}</section>
${windowsSection(countyCode, column.supervisionPhone)}${comments}
<section><p class="muted">本专栏是${escapeHtml(countyName)}电子商务进农村综合示范信息公开的统一平台，有关内容不在其他网页分散发布。</p></section>`;
  return page(`${countyName}电子商务进农村综合示范政务公开专栏`, body, {
    title: `${countyName}电子商务进农村综合示范政务公开专栏`,
    sub: column.updatedAt ? `更新于 ${column.updatedAt.slice(0, 10)}` : undefined,
    home: "/gk",
  });
}

/** The provincial zone (省级专区): its own selection items and windows, and every county's column. */
export function renderProvinceZone(options: {
  provinceCode: string;
  column: Column;
  check: ColumnCheck;
  counties: readonly { code: string; name: string; check: ColumnCheck }[];
}): string {
  const { provinceCode, column } = options;
  const rows = options.counties
    .map(
      (c) =>
        `<tr><td><a href="/gk/${c.code}">${escapeHtml(c.name)}</a></td><td>${
          c.check.isComplete
            ? `<span class="ok">内容齐全</span>`
            : `<span class="missing">缺 ${c.check.missing.length} 项</span>`
        }</td></tr>`,
    )
    .join("");
  const body = `${column.intro.trim() ? `<section>${paragraphs(column.intro)}</section>` : ""}
<section aria-labelledby="h-counties"><h2 id="h-counties">示范县政务公开专栏</h2>
<table><caption class="muted" style="text-align:left">各示范县专栏同步在本专区公开</caption><thead><tr><th scope="col">示范县</th><th scope="col">公开内容</th></tr></thead><tbody>${rows}</tbody></table></section>
${entrySections(column, "province")}
${windowsSection(provinceCode, column.supervisionPhone)}
<section>${completenessNote(options.check)}</section>`;
  return page("河北省电子商务进农村综合示范政务公开专区", body, {
    title: "河北省电子商务进农村综合示范政务公开专区",
    sub: "示范县竞争性选择办法、过程和结果；征求意见和纪检、审计举报窗口；监督电话",
  });
}

export type WindowFormState = {
  subject?: string;
  body?: string;
  contactName?: string;
  contactPhone?: string;
  errors?: string[];
};

/** The comment or complaint form (T2), with the spam question; no JavaScript. */
export function renderWindowForm(options: {
  regionCode: string;
  regionName: string;
  kind: "comment" | "complaint";
  question: string;
  token: string;
  phone: string | null;
  state?: WindowFormState;
}): string {
  const { regionCode, kind, state = {} } = options;
  const title = `${options.regionName} · ${WINDOW_NAMES[kind].zh}`;
  const errors = state.errors?.length
    ? `<div class="error" role="alert"><p>请修改后重新提交：</p><ul>${state.errors.map((e) => `<li>${escapeHtml(e)}</li>`).join("")}</ul></div>`
    : "";
  const intro =
    kind === "complaint"
      ? "对项目资金使用、招标、建设中的违纪违规问题，可在此向纪检、审计部门举报。举报内容不公开。"
      : "对示范项目的实施方案、资金安排、建设进度等提出意见和建议。";
  const body = `<section><h2>${escapeHtml(WINDOW_NAMES[kind].zh)}</h2><p>${escapeHtml(intro)}</p>
<p>监督电话：${options.phone?.trim() ? `<span class="phone">${escapeHtml(options.phone)}</span>` : "（未公开）"}</p>${errors}
<form method="post" action="/gk/${regionCode}/windows/${kind}">
<label for="subject">标题</label><input id="subject" name="subject" required minlength="2" maxlength="100" value="${escapeHtml(state.subject)}">
<label for="body">内容</label><textarea id="body" name="body" required minlength="5" maxlength="5000">${escapeHtml(state.body)}</textarea>
<label for="contactName">姓名（选填，仅供承办人员联系，不公开）</label><input id="contactName" name="contactName" maxlength="50" autocomplete="name" value="${escapeHtml(state.contactName)}">
<label for="contactPhone">联系电话（选填，不公开）</label><input id="contactPhone" name="contactPhone" maxlength="30" inputmode="tel" autocomplete="tel" value="${escapeHtml(state.contactPhone)}">
<label for="answer">验证问题：${escapeHtml(options.question)}</label><input id="answer" name="answer" required maxlength="5" inputmode="numeric" autocomplete="off">
<input type="hidden" name="token" value="${escapeHtml(options.token)}">
<button type="submit">提交</button></form></section>
<section><p><a href="${regionCode.length === 6 ? `/gk/${regionCode}` : "/gk"}">返回专栏</a></p></section>`;
  return page(title, body, { title, home: "/gk" });
}

export function renderWindowReceipt(options: {
  regionCode: string;
  regionName: string;
  kind: "comment" | "complaint";
  trackingNo: string;
}): string {
  const title = `${options.regionName} · ${WINDOW_NAMES[options.kind].zh}`;
  const body = `<section class="notice" role="status"><h2>已受理</h2><p>您的${options.kind === "complaint" ? "举报" : "意见"}已收到。受理编号：</p>
<p class="tracking" id="tracking-no">${escapeHtml(options.trackingNo)}</p><p>请记下受理编号，凭编号查询办理进度和答复。</p>
<p><a href="/gk/track?no=${encodeURIComponent(options.trackingNo)}">查询办理进度</a></p></section>
<section><p><a href="${options.regionCode.length === 6 ? `/gk/${options.regionCode}` : "/gk"}">返回专栏</a></p></section>`;
  return page(title, body, { title, home: "/gk" });
}

const STATUS_NAMES: Record<string, string> = {
  received: "已受理",
  processing: "办理中",
  replied: "已答复",
  closed: "已办结",
};

export function renderTracking(options: {
  no: string;
  message: PublicMessage | null;
  regionName: string | null;
}): string {
  const { message } = options;
  let result = "";
  if (options.no && !message)
    result = `<div class="error" role="alert">未找到受理编号“${escapeHtml(options.no)}”，请核对后重新输入。</div>`;
  if (message) {
    result = `<section role="status" aria-labelledby="h-result"><h2 id="h-result">办理进度</h2><dl>
<dt>受理编号</dt><dd class="tracking">${escapeHtml(message.trackingNo)}</dd>
<dt>类别</dt><dd>${escapeHtml(WINDOW_NAMES[message.kind].zh)}</dd>
<dt>受理单位</dt><dd>${escapeHtml(options.regionName ?? message.regionCode)}</dd>
<dt>标题</dt><dd>${escapeHtml(message.subject)}</dd>
<dt>提交时间</dt><dd>${escapeHtml(message.submittedAt.slice(0, 16).replace("T", " "))}</dd>
<dt>状态</dt><dd id="status">${escapeHtml(STATUS_NAMES[message.status] ?? message.status)}</dd>
<dt>答复</dt><dd>${message.reply ? paragraphs(message.reply) : "（暂无）"}</dd></dl></section>`;
  }
  const body = `<section><h2>查询办理进度</h2>${trackForm(options.no)}</section>${result}`;
  return page("查询办理进度", body, { title: "查询办理进度", home: "/gk" });
}

export function renderNotFound(text: string): string {
  return page(
    "未找到",
    `<section><h2>未找到</h2><p>${escapeHtml(text)}</p><p><a href="/gk">返回省级政务公开专区</a></p></section>`,
  );
}

export function renderTooMany(retryAfterSeconds: number): string {
  return page(
    "提交过于频繁",
    `<section class="error" role="alert"><h2>提交过于频繁</h2><p>为防止滥用，同一网络地址在短时间内只能提交有限次数。请约 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试。</p></section>`,
  );
}
