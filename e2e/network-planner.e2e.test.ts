import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
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
    await expectVillageMap(page, "network-map-1366.png");
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
    await page.close();
  });

  it("draws the village map on a 390 px phone without horizontal overflow", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    await page.goto(`${server.url}/login`);
    await page.getByTestId("login-username").fill("c130533");
    await page.getByTestId("login-password").fill(DEMO_PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("county-title").waitFor();
    await page.goto(`${server.url}/counties/130533/network`);
    await expectVillageMap(page, "network-map-390.png");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = (await page.getByTestId("village-map-canvas").locator("canvas").first().boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await page.close();
  });
});

/**
 * The village map is drawn (a canvas, the schematic caveat, a legend entry per status), and
 * pointing at the first township's first village shows its tooltip; then a screenshot.
 */
async function expectVillageMap(page: Page, screenshot: string) {
  const map = page.getByTestId("village-map");
  const canvas = page.getByTestId("village-map-canvas").locator("canvas").first();
  await canvas.waitFor();
  expect(await map.textContent()).toContain("示意图：按乡镇分组排列，非真实地理位置");
  // Bring the canvas's top (a phone's map is taller than its screen) just below the page header.
  const top = (await canvas.boundingBox())!.y;
  await page.evaluate((dy) => window.scrollBy(0, dy), top - 120);
  // The first village of a township sits next to its cell's centre: sweep there until a tooltip shows.
  const box = (await canvas.boundingBox())!;
  const legend = box.width < 700 ? 84 : 36;
  const cell = Math.min(box.width / Math.max(1, Math.floor(box.width / 160)), 440);
  const [cx, cy] = [box.x + cell / 2, box.y + legend + cell * 0.56];
  const tooltip = map.locator("div").filter({ hasText: "常住人口：" }).last();
  let shown = false;
  for (let dx = -6; dx <= 12 && !shown; dx += 2) {
    for (let dy = -6; dy <= 6 && !shown; dy += 2) {
      await page.mouse.move(cx + dx, cy + dy);
      shown = await tooltip.isVisible().catch(() => false);
    }
  }
  await map.screenshot({ path: join(RESULTS_DIR, screenshot) });
  expect(shown).toBe(true);
  expect(await tooltip.textContent()).toMatch(/常住人口：[\d,—]+.*贫困村：[是否].*站点：/);
}
