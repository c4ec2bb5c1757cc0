/**
 * Dates in China time whatever the browser's zone (issue 18, item 8): a browser in Los Angeles at
 * 20:30 on 14 December is already at 12:30 on 15 December in China. The page's default date and
 * the date picker's "today" follow China, as the server and the rules do.
 */
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, type E2eServer, launchBrowser, RESULTS_DIR, startServer } from "./support";

// 2026-12-14 20:30 in Los Angeles (UTC−8) = 2026-12-15 04:30 UTC = 2026-12-15 12:30 in China.
const INSTANT = new Date("2026-12-15T04:30:00Z");
const LA_DATE = "2026-12-14";
const CHINA_DATE = "2026-12-15";

describe("dates in China time in a browser set to America/Los_Angeles", () => {
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

  it("opens the training page on China's today and the picker marks China's today", async () => {
    const context = await browser.newContext({
      timezoneId: "America/Los_Angeles",
      locale: "zh-CN",
      viewport: { width: 1366, height: 768 },
    });
    const page = await context.newPage();
    await page.clock.setFixedTime(INSTANT);
    // The browser's own idea of the date really is the day before.
    await page.goto(`${server.url}/login`);
    expect(await page.evaluate(() => new Date().toLocaleDateString("sv-SE"))).toBe(LA_DATE);

    await page.getByTestId("login-username").fill("c130533");
    await page.getByTestId("login-password").fill(DEMO_PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("current-user").waitFor();

    // No date in the address: the page opens on today, in China.
    await page.goto(`${server.url}/counties/130533/training`);
    const picker = page.locator('[data-testid="training-as-of"]');
    const input = picker.locator("input").or(page.locator('input[data-testid="training-as-of"]')).first();
    await expect.poll(() => input.inputValue()).toBe(CHINA_DATE);

    // The calendar's "today" (highlighted day) is China's too.
    await input.click();
    const todayCell = page.locator(".ant-picker-dropdown .ant-picker-cell-today").first();
    await todayCell.waitFor();
    expect(await todayCell.getAttribute("title")).toBe(CHINA_DATE);
    await page.screenshot({ path: join(RESULTS_DIR, "china-dates-los-angeles-1366.png") });
    await context.close();
  });
});
