// rule K1 in the browser: the province returns 威县's filing with reasons, the county sees them,
// corrects its reports and files again, and the city and the province approve; then the province
// spot-checks a station with a photo, the confirmed finding becomes a rectification, the county
// uploads the evidence of its fix and the assessor re-assesses it. Screenshots in test-results/.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, type E2eServer, launchBrowser, RESULTS_DIR, startServer } from "./support";

const CODE = "130533"; // 威县: the demo filed it and the city approved; the province has not reviewed
const AS_OF = "2018-10-31";
const PDF = join(RESULTS_DIR, "procedure-returned.pdf");
const PHOTO = join(RESULTS_DIR, "procedure-spot-photo.png");
// What the user sees may take a few seconds on a shared machine: polls wait for it, never sleep.
const WAIT = { timeout: 30_000 };
const REASONS = "资金审计报告未覆盖全部合同，请补充专账核算意见后重新报送";

async function as(browser: Browser, server: E2eServer, username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: "zh-CN" });
  await page.goto(`${server.url}/login`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("current-user").waitFor();
  await page.goto(`${server.url}/counties/${CODE}/acceptance?asOf=${AS_OF}`);
  await page.getByTestId("procedure-card").waitFor({ timeout: 90_000 });
  return page;
}

const statusOf = (page: Page, step: string) =>
  page.getByTestId(`procedure-${step}`).getAttribute("data-status");

describe("a filing returned by the province, refiled, spot-checked and rectified (K1)", () => {
  let server: E2eServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    writeFileSync(PDF, "%PDF-1.4\n% corrected audit report\n");
    // A 1×1 PNG: the spot check's photo.
    writeFileSync(
      PHOTO,
      Buffer.from(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
        "base64",
      ),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("returns the filing with reasons; the county sees them, corrects and refiles; both reviews approve", async () => {
    const province = await as(browser, server, "province");
    await province.getByTestId("procedure-form-province_review").waitFor();
    await province.getByTestId("procedure-date").fill("2018-10-20");
    await province.getByText("退回", { exact: true }).click();
    await province.getByTestId("procedure-reasons").fill(REASONS);
    await province.getByTestId("procedure-submit").click();
    await expect.poll(() => statusOf(province, "filing"), WAIT).toBe("open");
    await province.getByTestId("procedure-returned").waitFor();
    await province
      .getByTestId("procedure-card")
      .screenshot({ path: join(RESULTS_DIR, "returned-1-province-returns.png") });

    // The county sees the return and its reasons, and the filing form again.
    const county = await as(browser, server, `c${CODE}`);
    await expect
      .poll(() => county.getByTestId("procedure-returned-reasons").textContent(), WAIT)
      .toContain(REASONS);
    await expect.poll(() => statusOf(county, "filing"), WAIT).toBe("open");
    await county.getByTestId("procedure-form-filing").waitFor();
    await county
      .getByTestId("procedure-card")
      .screenshot({ path: join(RESULTS_DIR, "returned-2-county-sees-reasons.png") });
    await county.getByTestId("procedure-date").fill("2018-10-24");
    await county.getByTestId("procedure-audit-firm").fill("河北某会计师事务所");
    await county
      .getByTestId("procedure-audit-conclusion")
      .fill("审计覆盖全部合同，中央财政资金专账核算，使用合规（补充专账核算意见）");
    await county.getByTestId("procedure-file-acceptance_report").setInputFiles(PDF);
    await county.getByTestId("procedure-file-audit_report").setInputFiles(PDF);
    await county.getByTestId("procedure-submit").click();
    await expect.poll(() => statusOf(county, "filing"), WAIT).toBe("done");
    await expect.poll(() => county.getByTestId("procedure-returned").count(), WAIT).toBe(0);
    await county
      .getByTestId("procedure-card")
      .screenshot({ path: join(RESULTS_DIR, "returned-3-county-refiled.png") });

    for (const [username, step, date] of [
      ["city1305", "city_review", "2018-10-26"],
      ["province", "province_review", "2018-10-29"],
    ] as const) {
      const reviewer = await as(browser, server, username);
      await reviewer.getByTestId(`procedure-form-${step}`).waitFor();
      await reviewer.getByTestId("procedure-date").fill(date);
      await reviewer.getByTestId("procedure-submit").click();
      await expect.poll(() => statusOf(reviewer, step), WAIT).toBe("done");
    }
    const after = await as(browser, server, `c${CODE}`);
    await expect.poll(() => statusOf(after, "province_review"), WAIT).toBe("done");
    // The history keeps the return and its reasons beside the approvals.
    await expect.poll(() => after.getByTestId("procedure-history").textContent(), WAIT).toContain(REASONS);
    await after
      .getByTestId("procedure-card")
      .screenshot({ path: join(RESULTS_DIR, "returned-4-approved.png") });
  });

  it("spot-checks a station with a photo; the county uploads its fix, the assessor re-assesses it", async () => {
    const province = await as(browser, server, "province");
    await province.getByTestId("spot-check-new").click();
    await province.getByTestId("spot-check-date").fill("2018-10-30");
    await province.getByTestId("spot-check-ref-0").fill("WX-抽查-01");
    await province.getByTestId("spot-check-finding-0").fill("门头标识缺失，上墙制度不全");
    await province.getByTestId("spot-check-confirmed-0").check();
    await province.getByTestId("spot-check-site-0").locator('input[type="file"]').setInputFiles(PHOTO);
    await province.getByTestId("spot-check-save").click();
    await expect.poll(() => statusOf(province, "spot_check"), WAIT).toBe("done");
    const ref = "站点 WX-抽查-01";
    await province.getByTestId(`rectification-state-${ref}`).waitFor();
    await province
      .getByTestId("procedure-card")
      .screenshot({ path: join(RESULTS_DIR, "rectify-1-spot-check.png") });

    const county = await as(browser, server, `c${CODE}`);
    await county.getByTestId(`rectification-evidence-${ref}`).click();
    await county.getByTestId("rectification-date").fill("2018-10-31");
    await county.getByTestId("rectification-note").fill("已补装门头标识，制度上墙，附整改照片");
    await county.locator('.ant-modal input[type="file"]').setInputFiles(PDF);
    await county.getByTestId("rectification-save").click();
    // The evidence is in the rectification's history, its file downloadable.
    const row = county.getByTestId("rectification-table").locator("tr", { hasText: ref });
    await expect.poll(() => row.textContent(), WAIT).toContain("2条记录");
    await row.locator(".ant-table-row-expand-icon").click();
    const history = county.getByTestId(`rectification-history-${ref}`);
    await expect.poll(() => history.textContent(), WAIT).toContain("已补装门头标识");
    const href = await history.getByTestId("rectification-document").first().getAttribute("href");
    const file = await county.request.get(`${server.url}${href}`);
    expect(file.status()).toBe(200);
    expect((await file.body()).toString()).toContain("corrected audit report");
    await county
      .getByTestId("procedure-card")
      .screenshot({ path: join(RESULTS_DIR, "rectify-2-evidence-uploaded.png") });

    const assessor = await as(browser, server, "assessor");
    await assessor.getByTestId(`rectification-reassess-${ref}`).click();
    await assessor.getByTestId("rectification-date").fill("2018-10-31");
    await assessor.getByTestId("rectification-note").fill("现场复核：标识与制度已整改到位");
    await assessor.getByTestId("rectification-save").click();
    await expect
      .poll(() => assessor.getByTestId(`rectification-state-${ref}`).getAttribute("data-state"), WAIT)
      .toBe("closed");
    await assessor
      .getByTestId("procedure-card")
      .screenshot({ path: join(RESULTS_DIR, "rectify-3-reassessed.png") });
  });
});
