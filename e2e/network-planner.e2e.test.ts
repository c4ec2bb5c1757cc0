import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, type E2eServer, launchBrowser, RESULTS_DIR, startServer } from "./support";

describe("a county officer plans station coverage and checks facilities against the spec", () => {
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

  it("sees coverage against 50%, ticks gap villages and watches coverage move; sees failing spec items", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: "zh-CN" });
    await page.goto(`${server.url}/login`);
    await page.getByTestId("login-username").fill("c130533");
    await page.getByTestId("login-password").fill(DEMO_PASSWORD);
    await page.getByTestId("login-submit").click();
    await expect.poll(() => page.getByTestId("county-title").textContent()).toContain("威县");

    await page.goto(`${server.url}/counties/130533/network`);
    const villages = page.getByTestId("target-villages");
    await villages.waitFor();
    expect(await villages.textContent()).toMatch(/\d+\.\d{2}%/);
    await page.getByTestId("township-coverage-chart").waitFor();
    const gaps = page.getByTestId("gap-table");
    await gaps.locator("tbody tr.ant-table-row").first().waitFor();
    // The gap list starts with registered poor villages.
    expect(await gaps.locator("tbody tr.ant-table-row").first().textContent()).toContain("贫困村");

    const boxes = gaps.locator("tr[data-row-key] .ant-checkbox-input");
    for (let i = 0; i < 10; i++) await boxes.nth(i).check({ force: true });
    await page.getByTestId("what-if-button").click();
    await page.getByTestId("what-if-villages").waitFor();
    expect(await page.getByTestId("what-if-villages").textContent()).toMatch(/→ \d+\.\d{2}%/);
    await page.screenshot({ path: join(RESULTS_DIR, "network-planner-1366.png"), fullPage: true });

    await page.goto(`${server.url}/counties/130533/network?tab=stations`);
    await page.getByTestId("station-table").locator("tbody tr.ant-table-row").first().waitFor();
    await page.getByTestId("only-failing").click();
    await expect
      .poll(() => page.getByTestId("station-table").locator('[data-testid="spec-problems"]').count())
      .toBeGreaterThan(0);

    await page.goto(`${server.url}/counties/130533/network?tab=facilities`);
    const facilities = page.getByTestId("facility-table");
    await facilities.locator("tbody tr.ant-table-row").first().waitFor();
    expect(await facilities.textContent()).toMatch(/缺少/);
    await page.screenshot({ path: join(RESULTS_DIR, "network-facilities-1366.png"), fullPage: true });
  });
});
