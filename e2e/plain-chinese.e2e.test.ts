/**
 * Plain Chinese (issue 18, item 5): signed in as a county administrator, the province and the
 * third-party assessor, the test opens every page the router has for that account (the shell's own
 * routes and every area's pages and county sections, from the same module list the menu is built
 * from), clicks through each page's tabs, and reads the text a user sees. No rule id (A3, O1, E4 …)
 * may show outside a tooltip or the scorecard's rule columns, and no English word outside a short
 * allow-list of names Chinese users write in Latin letters.
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../src/web/api/types";
import { type AreaPage, type CountySection, pagesFor, sectionsFor } from "../src/web/app/modules";
import { WEB_MODULES } from "../src/web/app/web-modules";
import { DEMO_PASSWORD, type E2eServer, launchBrowser, RESULTS_DIR, startServer } from "./support";

const COUNTY = "130533"; // 威县

/**
 * Words allowed in Latin letters, each because Chinese users write it so:
 * - Excel, Word: the file kinds of 导出 Excel and the Word report;
 * - OCDS: the procurement data standard's name (导出 OCDS), as the ministry says it;
 * - PPP: 政府和社会资本合作, a support method of rule F1, always written PPP;
 * - EMS, WIFI, QR: a carrier (邮政EMS), a seed equipment name (WIFI标识牌), 二维码 sign-in (QR);
 * - EPCIS: the GS1 traceability standard's name (追溯数据（EPCIS 2.0）), like OCDS;
 * - PDF: a document format in upload hints;
 * - HH, mm, YYYY, MM, DD: date and time patterns in hints (2018-05-20 09:00 as YYYY-MM-DD HH:mm);
 * - file extensions (.xlsx, .csv …): what the user's file manager shows.
 */
const ALLOWED_WORDS = new Set(["Excel", "Word", "OCDS", "PPP", "EMS", "WIFI", "QR", "PDF", "EPCIS"]);
const FILE_EXTENSION = /\.(xlsx|csv|docx|pdf|png|jpg|json|txt)\b/gi;
const DATE_PATTERN = /\b(YYYY|MM|DD|HH|mm)([-:/ ]|\b)/g;

/** A rule id of rules.md standing as a word: A1–E5, F1–F10, G1–G4, K1–K7, M1–M5, O1–O9, P1, R1–R4, S1–S9, T1–T4. */
const RULE_ID = /(?<![A-Za-z0-9])(?:[A-EFGKMOPRST])(?:10|[1-9])(?![0-9A-Za-z])/g;

type Finding = { account: string; path: string; kind: "rule id" | "English"; match: string; text: string };

/** Text the user sees on the page: visible text nodes, outside tooltips and the rule columns. */
async function visibleText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const skip = (el: Element | null): boolean => {
      for (let e = el; e; e = e.parentElement) {
        if (
          e.matches(
            "[data-rule-column], [role=tooltip], .ant-tooltip, .ant-popover, [data-testid=language-switch], script, style, noscript",
          )
        )
          return true;
        const style = getComputedStyle(e);
        if (style.display === "none" || style.visibility === "hidden") return true;
      }
      return false;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      if (!text) continue;
      const parent = node.parentElement;
      if (!parent || skip(parent)) continue;
      if (parent.getClientRects().length === 0) continue;
      out.push(text);
    }
    // Text inputs show their value (a date picker's date); a radio's or checkbox's value is a key
    // the user never sees (its label is read above).
    for (const input of Array.from(document.querySelectorAll("input"))) {
      if (["hidden", "radio", "checkbox"].includes(input.type)) continue;
      if (!input.value || skip(input) || input.getClientRects().length === 0) continue;
      out.push(input.value);
    }
    return out;
  });
}

function findingsOf(account: string, path: string, texts: string[]): Finding[] {
  const found: Finding[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(RULE_ID)) found.push({ account, path, kind: "rule id", match: m[0], text });
    // Codes and addresses are data, not words: a token holding a digit (YS-130533-PX028,
    // 130533-HT-01, DB13/T), URLs, e-mail addresses, file extensions, date patterns.
    const words = text
      .replace(/https?:\/\/\S+/g, " ")
      .replace(/\S+@\S+\.\S+/g, " ")
      .replace(FILE_EXTENSION, " ")
      .replace(DATE_PATTERN, " ")
      .split(/[^\x21-\x7e]+/)
      .filter((token) => !/\d/.test(token))
      .flatMap((token) => token.split(/[^A-Za-z]+/))
      .filter((w) => w.length >= 2 && !ALLOWED_WORDS.has(w));
    for (const word of words) found.push({ account, path, kind: "English", match: word, text });
  }
  return found;
}

/** Waits until the page's data has come: no request in flight, no spinner. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await expect
    .poll(() => page.locator(".ant-spin-spinning, .ant-skeleton-active").count(), { timeout: 60_000 })
    .toBe(0);
  await page.waitForLoadState("networkidle");
}

/** Every path the router gives an account: the shell's routes, its area pages and county sections. */
function pathsFor(role: Role, landing: string[], county: string): string[] {
  const pages = pagesFor(WEB_MODULES, role).map((p: AreaPage) => `/${p.path}`);
  const sections = sectionsFor(WEB_MODULES, role).map((s: CountySection) => `/counties/${county}/${s.path}`);
  return [...landing, `/counties/${county}`, ...pages, ...sections];
}

describe("plain Chinese on every page", () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const walk = async (username: string, role: Role, landing: string[]) => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    await page.goto(`${server.url}/login`);
    await page.getByTestId("login-username").fill(username);
    await page.getByTestId("login-password").fill(DEMO_PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("current-user").waitFor();
    const findings: Finding[] = [];
    const paths = pathsFor(role, landing, COUNTY);
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) {
      await page.goto(`${server.url}${path}`);
      await settled(page);
      findings.push(...findingsOf(username, path, await visibleText(page)));
      // Each tab of the page (not the county's section tabs, which are pages of their own).
      const tabs = page.locator(".ant-tabs-tab:not([data-testid=county-sections] .ant-tabs-tab)");
      const count = await tabs.count();
      for (let i = 1; i < count; i++) {
        const tab = tabs.nth(i);
        if (!(await tab.isVisible())) continue;
        const name = (await tab.textContent())?.trim() ?? String(i);
        await tab.click();
        await settled(page);
        findings.push(...findingsOf(username, `${path} 〔${name}〕`, await visibleText(page)));
      }
    }
    await page.screenshot({ path: join(RESULTS_DIR, `plain-chinese-${username}-last.png`), fullPage: true });
    await page.close();
    return findings;
  };

  const report = (findings: Finding[]) =>
    findings
      .map((f) => `${f.account} ${f.path} [${f.kind}] ${f.match} ← “${f.text.slice(0, 80)}”`)
      .join("\n");

  it("as 威县's county administrator", async () => {
    const findings = await walk("c130533", "county_admin", []);
    expect(report(findings)).toBe("");
  }, 600_000);

  it("as the province administrator", async () => {
    const findings = await walk("province", "province_admin", ["/province"]);
    expect(report(findings)).toBe("");
  }, 600_000);

  it("as the third-party assessor", async () => {
    const findings = await walk("assessor", "assessor", ["/"]);
    expect(report(findings)).toBe("");
  }, 600_000);
});
