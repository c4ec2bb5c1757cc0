/**
 * The outcomes page (issue 17): the county officer sees D1/D2 decided from the demo's year
 * figures with their measured growth, enters a year through the form, and reads the poor
 * households' sales, the staff shares and the record rosters. Screenshots of each tab.
 */
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, type E2eServer, launchBrowser, RESULTS_DIR, startServer } from "./support";

async function signIn(page: Page, url: string, username: string) {
  await page.goto(`${url}/login`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("current-user").waitFor();
}

describe("the outcomes page: year figures, poor households' sales, staff and records", () => {
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

  it("county admin of 平泉市: sees D1 decided, enters 2019's figures through the form, reads every tab", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    await signIn(page, server.url, "c130881");
    await page.goto(`${server.url}/counties/130881/outcomes`);
    const judgements = page.getByTestId("outcome-judgements");
    const d1 = judgements.locator("tr", { hasText: "电子商务交易额同比" });
    await d1.waitFor();
    // The demo opens on 2018-10-31: 2018 against 2017, decided from the year figures (rule G2).
    expect(await d1.textContent()).toMatch(/达标.*年份 2018.*同比增长 \d+\.\d+%/);
    expect(await judgements.locator("tr", { hasText: "扶持政策" }).textContent()).toContain("待评估机构判定");
    await page.getByTestId("year-figures").locator("tr", { hasText: "2018" }).waitFor();
    expect(await page.getByTestId("year-figures").textContent()).toContain("统计局");
    await page.screenshot({ path: join(RESULTS_DIR, "outcomes-years-1366.png"), fullPage: true });

    await page.getByTestId("year-figures-add").click();
    const form = page.getByTestId("year-figures-form");
    await form.locator("#year").fill("2019");
    await form.locator("#transactions").fill("abc");
    await form.locator("#ruralRetail").fill("1000");
    await page.locator(".ant-modal .ant-btn-primary").click();
    await form.getByText("金额应为非负的元数").first().waitFor(); // the same yuan parser as the importer
    await form.locator("#transactions").fill("500000000.50");
    await form.locator("#agriRetail").fill("120000000");
    await form.locator("#jobs").fill("1500");
    await form.locator("#sourceDocument").fill("县统计局《2019年电子商务统计》");
    await page.locator(".ant-modal .ant-btn-primary").click();
    const row2019 = page.getByTestId("year-figures").locator("tr", { hasText: "2019" });
    await row2019.waitFor();
    expect(await row2019.textContent()).toContain("500,000,000.50");

    await page.getByRole("tab", { name: "贫困户销售" }).click();
    await page.getByTestId("poor-sales-total").waitFor();
    await expect
      .poll(() => page.getByTestId("poor-sales-total").textContent())
      .toMatch(/有网络销售的贫困户 [1-9]\d* 户/);
    await page.screenshot({ path: join(RESULTS_DIR, "outcomes-sales-1366.png"), fullPage: true });

    await page.getByRole("tab", { name: "从业人员" }).click();
    await page.getByTestId("staff-share").waitFor();
    expect(await page.getByTestId("staff-share").textContent()).toContain("建档立卡贫困人员");
    await page.screenshot({ path: join(RESULTS_DIR, "outcomes-staff-1366.png"), fullPage: true });

    await page.getByRole("tab", { name: "工作记录" }).click();
    await page.getByTestId("record-table").locator("tr", { hasText: "县长" }).first().waitFor();
    await page.getByTestId("record-roster").click();
    await page.locator(".ant-select-item-option").filter({ hasText: "调研报告" }).click();
    await page.getByTestId("record-table").locator("tr", { hasText: "调研报告（5）" }).waitFor();
    await page.screenshot({ path: join(RESULTS_DIR, "outcomes-records-1366.png"), fullPage: true });
  });

  it("the scorecard shows D1 decided from data with the measured growth", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    await signIn(page, server.url, "c130881");
    const res = await page.request.get(`${server.url}/api/v1/counties/130881/scorecard?asOf=2018-10-31`);
    const card = await res.json();
    const d1 = card.items.find((i: { id: string }) => i.id === "D1");
    expect(d1).toMatchObject({ status: "pass", decidedBy: "data", measured: { year: 2018 } });
    expect(d1.measured.growthBp).toBeGreaterThanOrEqual(2000);
  });
});
