import { writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  chooseOption,
  DEMO_PASSWORD,
  type E2eServer,
  launchBrowser,
  RESULTS_DIR,
  startServer,
} from "./support";

// A 1×1 PNG stands in for the photo the assessor takes on site.
const PHOTO = join(RESULTS_DIR, "site-photo.png");

async function signIn(page: Page, url: string, username: string) {
  await page.goto(`${url}/login`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("current-user").waitFor();
}

describe("the third-party assessor decides a pending item with a photo and signs", () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
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

  // C4 stays with the assessor; C1 is decided from the leading-group records since issue 17.
  it("assessor: open 巨鹿县, decide C4 with a note and a photo, sign", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    await signIn(page, server.url, "assessor");
    await page.goto(`${server.url}/counties/130529/acceptance?asOf=2018-10-31`);
    await page.getByTestId("scorecard-table").locator("tbody tr.ant-table-row").first().waitFor();
    await page.getByTestId("decide-C4").click();
    await chooseOption(page, page.getByTestId("decision-status"), "通过");
    await page.getByTestId("decision-note").fill("扶持政策、市场监管与信用评价记录齐全，现场核实");
    await page.locator('.ant-modal input[type="file"]').setInputFiles(PHOTO);
    await page.getByTestId("decision-save").click();
    await page.locator(".ant-modal").waitFor({ state: "detached", timeout: 60_000 }); // saved: the modal closes
    const c4 = page.getByTestId("scorecard-table").locator("tr", { hasText: "信用评价记录齐全" });
    await c4.waitFor({ timeout: 60_000 });
    expect(await c4.textContent()).toContain("评估机构");
    await expect.poll(() => page.getByTestId("evidence-table").textContent()).toContain("site-photo.png");
    await page.getByTestId("sign").click();
    await page.locator(".ant-modal-confirm .ant-btn-primary").click();
    await page.getByTestId("signoff").waitFor({ timeout: 90_000 }); // signing evaluates every domain: slow on a busy machine
    await page.screenshot({ path: join(RESULTS_DIR, "assessor-signed-1366.png"), fullPage: true });
  });

  it("county: sees the assessor's decision, cannot change it, and downloads the Word report", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    await signIn(page, server.url, "c130529");
    await page.goto(`${server.url}/counties/130529/acceptance?asOf=2018-10-31`);
    const c4 = page.getByTestId("scorecard-table").locator("tr", { hasText: "信用评价记录齐全" });
    await c4.waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("decide-C4").count()).toBe(0);
    const attempt = await page.request.post(`${server.url}/api/v1/counties/130529/acceptance/decisions`, {
      data: { itemId: "C4", status: "fail", note: "县级试图修改" },
      headers: { origin: server.url },
    });
    expect(attempt.status()).toBe(403);
    const report = await page.request.get(`${server.url}/api/v1/counties/130529/acceptance-report.docx`);
    expect(report.status()).toBe(200);
    const zip = await JSZip.loadAsync(await report.body());
    const text = (await zip.file("word/document.xml")!.async("string")).replace(/<[^>]+>/g, "");
    expect(text).toContain("验收指标");
    expect(text).toContain("扶持政策、市场监管与信用评价记录齐全，现场核实");
    expect(text).toContain("site-photo.png");
  });
});
