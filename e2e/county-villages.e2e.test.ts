import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, type E2eServer, launchBrowser, RESULTS_DIR, startServer } from "./support";

describe("a county officer signs in, opens the county and finds its villages", () => {
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

  it("logs in as 威县's county admin and searches the village table (1366×768)", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    await page.goto(`${server.url}/login`);
    await page.getByTestId("login-username").fill("c130533");
    await page.getByTestId("login-password").fill(DEMO_PASSWORD);
    await page.getByTestId("login-submit").click();

    await expect.poll(() => page.getByTestId("county-title").textContent()).toContain("威县");
    const table = page.getByTestId("village-table");
    await table.locator("tbody tr.ant-table-row").first().waitFor();
    expect(await table.textContent()).toContain("130533");
    expect(await page.getByTestId("demo-tag").count()).toBeGreaterThan(0);

    await page.getByTestId("village-search").fill("社区");
    await page.getByTestId("village-search").press("Enter");
    await expect
      .poll(async () => {
        const names = await table.locator("tbody tr.ant-table-row").allTextContents();
        return names.length > 0 && names.every((row) => row.includes("社区"));
      })
      .toBe(true);
    await page.screenshot({ path: join(RESULTS_DIR, "county-villages-1366.png"), fullPage: true });
  });

  it("shows the province the 17 counties and opens one, on a phone-width screen", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    await page.goto(`${server.url}/login`);
    await page.getByTestId("login-username").fill("province");
    await page.getByTestId("login-password").fill(DEMO_PASSWORD);
    await page.getByTestId("login-submit").click();
    const counties = page.getByTestId("county-table");
    await counties.locator("tbody tr.ant-table-row").nth(16).waitFor();
    expect(await counties.locator("tbody tr.ant-table-row").count()).toBe(17);
    await page.screenshot({ path: join(RESULTS_DIR, "province-overview-390.png"), fullPage: true });
    await counties.getByText("平山县").first().click();
    await expect.poll(() => page.getByTestId("county-title").textContent()).toContain("平山县");
    await page.getByTestId("village-table").locator("tbody tr.ant-table-row").first().waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(RESULTS_DIR, "county-villages-390.png"), fullPage: true });
  });

  it("refuses a wrong password with the server's message", async () => {
    const page = await browser.newPage({ locale: "zh-CN" });
    await page.goto(`${server.url}/login`);
    await page.getByTestId("login-username").fill("c130533");
    await page.getByTestId("login-password").fill("wrong-Password-1");
    await page.getByTestId("login-submit").click();
    await expect.poll(() => page.getByTestId("login-error").textContent()).toContain("用户名或密码错误");
  });
});
