import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, type E2eServer, launchBrowser, RESULTS_DIR, startServer } from "./support";

describe("the station operations KPI pages render the demo year (O1–O3, E5 flags)", () => {
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

  async function signIn(username: string, width = 1366): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 }, locale: "zh-CN" });
    await page.goto(`${server.url}/login`);
    await page.getByTestId("login-username").fill(username);
    await page.getByTestId("login-password").fill(DEMO_PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    return page;
  }

  it("shows 威县's O1–O3 figures, the 2018 trend, its stations and no data-quality flags", async () => {
    const page = await signIn("c130533");
    await page.goto(`${server.url}/counties/130533/operations`);
    const report = page.getByTestId("operations-page");
    await report.waitFor();
    const text = await report.textContent();
    expect(text).toContain("数据管理器上线率");
    expect(text).toMatch(/运营站点 \d+ 个/);
    expect(text).toMatch(/快递企业 [2-9] 家/);
    // The trend covers the demo year.
    await page.getByTestId("operations-trend").locator("canvas").first().waitFor();
    const stations = report.locator(".ant-table-row");
    await stations.first().waitFor();
    expect(await stations.count()).toBeGreaterThan(5);
    const flags = page.getByTestId("data-quality-flags");
    await expect.poll(() => flags.textContent()).toContain("未发现数据质量问题");
    await page.screenshot({ path: join(RESULTS_DIR, "operations-county-1366.png"), fullPage: true });

    // The month range narrows the page: the first quarter of 2018 only.
    await page.goto(`${server.url}/counties/130533/operations?from=2018-01&to=2018-03`);
    await expect
      .poll(async () => (await page.getByTestId("operations-page").textContent()) ?? "")
      .toMatch(/运营站点 \d+ 个/);
    await page.close();
  });

  it("shows the province 17 counties and 魏县's flags with the rows behind them", async () => {
    const page = await signIn("province");
    await page.goto(`${server.url}/operations`);
    const roll = page.getByTestId("province-operations-page");
    await roll.locator(".ant-table-row").nth(16).waitFor();
    expect(await roll.locator("tbody .ant-table-row").count()).toBeGreaterThanOrEqual(17);
    expect(await roll.textContent()).toContain("全省运营站点");

    const flags = page.getByTestId("data-quality-flags");
    const rows = flags.locator("tbody tr.ant-table-row");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(5);
    expect(await flags.textContent()).toContain("魏县");
    expect(await flags.textContent()).toContain("营业时间外集中下单");
    // Expanding a flag shows the orders behind it.
    await rows.first().locator(".ant-table-row-expand-icon").click();
    const evidence = page.getByTestId("flag-evidence");
    await evidence.locator("tbody tr.ant-table-row").first().waitFor();
    expect(await evidence.textContent()).toMatch(/来源编号|月份/);
    await page.screenshot({ path: join(RESULTS_DIR, "operations-province-1366.png"), fullPage: true });
    await page.close();
  });

  it("lets 魏县's administrator explain a flag in writing, which closes it", async () => {
    const page = await signIn("c130434");
    await page.goto(`${server.url}/counties/130434/operations`);
    const flags = page.getByTestId("data-quality-flags");
    const rows = flags.locator("tbody tr.ant-table-row");
    await rows.first().waitFor();
    const before = await rows.count();
    expect(before).toBe(5);
    await flags.getByTestId("flag-resolve").first().click();
    await page.getByTestId("flag-reason").fill("经核实为合作社夜间集中补录当日订单，已提交原始凭证");
    await page.getByRole("button", { name: /确\s*定|OK/ }).click();
    await expect.poll(() => rows.count()).toBe(before - 1);
    await page.screenshot({ path: join(RESULTS_DIR, "operations-flags-county-1366.png"), fullPage: true });
    await page.close();
  });
});
