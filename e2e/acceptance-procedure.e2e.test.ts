// rule K1: contractor application → commission → assessor's signature → county filing → city and
// province review, each in the browser by its own account, with screenshots.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, type E2eServer, launchBrowser, RESULTS_DIR, startServer } from "./support";

const CODE = "130529"; // 巨鹿县, 邢台市: the demo leaves its procedure to be walked
const PDF = join(RESULTS_DIR, "procedure-document.pdf");
const TODAY = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // China time

async function as(browser: Browser, server: E2eServer, username: string, asOf = TODAY): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: "zh-CN" });
  await page.goto(`${server.url}/login`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("current-user").waitFor();
  // Steps taken today show as done only as of today (the demo pages default to 2018-10-31).
  await page.goto(`${server.url}/counties/${CODE}/acceptance?asOf=${asOf}`);
  await page.getByTestId("procedure-card").waitFor({ timeout: 90_000 });
  return page;
}

const statusOf = (page: Page, step: string) =>
  page.getByTestId(`procedure-${step}`).getAttribute("data-status");

describe("the acceptance procedure in the browser (K1)", () => {
  let server: E2eServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    writeFileSync(PDF, "%PDF-1.4\n% e2e document\n");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("walks application, commission, signature, filing, city and province review", async () => {
    const contractor = await as(browser, server, "contractor2");
    await contractor.getByTestId("procedure-date").fill("2018-08-01");
    await contractor.getByTestId("procedure-note").fill("项目建设内容已全部完成");
    await contractor.getByTestId("procedure-submit").click();
    await expect.poll(() => statusOf(contractor, "application")).toBe("done");
    await contractor.screenshot({ path: join(RESULTS_DIR, "procedure-1-application.png"), fullPage: true });

    const county = await as(browser, server, `c${CODE}`);
    await county.getByTestId("procedure-date").fill("2018-08-10");
    await county.getByTestId("procedure-agency").fill("河北某第三方评估机构");
    await county.getByTestId("procedure-qualification").fill("工程咨询甲级资信");
    await county.getByTestId("procedure-file-qualification").setInputFiles(PDF);
    await county.getByTestId("procedure-submit").click();
    await expect.poll(() => statusOf(county, "commission")).toBe("done");

    const assessor = await as(browser, server, "assessor");
    await assessor.getByTestId("sign").click();
    await assessor.locator(".ant-modal-confirm .ant-btn-primary").click();
    await assessor.getByTestId("signoff").waitFor({ timeout: 90_000 });
    await expect.poll(() => statusOf(assessor, "assessment"), { timeout: 30_000 }).toBe("done");
    await assessor.screenshot({ path: join(RESULTS_DIR, "procedure-2-assessed.png"), fullPage: true });

    // Failed items of the signed scorecard get their rectification first (the county's register).
    const today = TODAY;
    const card = await (
      await county.request.get(`${server.url}/api/v1/counties/${CODE}/scorecard?asOf=${today}`)
    ).json();
    const failed = card.items
      .filter((i: { status: string }) => i.status === "fail")
      .map((i: { id: string }) => i.id);
    for (const id of failed) {
      const res = await county.request.post(`${server.url}/api/v1/counties/${CODE}/rectifications`, {
        data: {
          source: "item",
          ref: id,
          problem: `${id} 未达标`,
          owner: "县商务局",
          openedOn: today,
          workingDays: 20,
        },
        headers: { origin: server.url },
      });
      expect(res.status()).toBe(201);
    }
    await county.reload();
    await county.getByTestId("procedure-form-filing").waitFor({ timeout: 60_000 });
    await county.getByTestId("procedure-date").fill(today);
    await county.getByTestId("procedure-audit-firm").fill("河北某会计师事务所");
    await county.getByTestId("procedure-audit-conclusion").fill("中央财政资金专账核算，使用合规");
    await county.getByTestId("procedure-file-acceptance_report").setInputFiles(PDF);
    await county.getByTestId("procedure-file-audit_report").setInputFiles(PDF);
    await county.getByTestId("procedure-submit").click();
    await expect.poll(() => statusOf(county, "filing")).toBe("done");
    await county.screenshot({ path: join(RESULTS_DIR, "procedure-3-filed.png"), fullPage: true });

    for (const [username, step] of [
      ["city1305", "city_review"],
      ["province", "province_review"],
    ] as const) {
      const reviewer = await as(browser, server, username);
      await reviewer.getByTestId(`procedure-form-${step}`).waitFor();
      await reviewer.getByTestId("procedure-date").fill(today);
      await reviewer.getByTestId("procedure-submit").click();
      await expect.poll(() => statusOf(reviewer, step)).toBe("done");
      await reviewer.screenshot({ path: join(RESULTS_DIR, `procedure-4-${step}.png`), fullPage: true });
    }
  });
});
