import { join } from "node:path";
import type { Browser } from "playwright-core";
import QRCode from "qrcode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UpwardTables } from "../src/server/upward/upward.tables";
import { type E2eServer, launchBrowser, RESULTS_DIR, startServer } from "./support";

describe("a buyer scans the QR code on a pack and reads the trace on a cheap phone (O7)", () => {
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

  it("the QR code holds the page's address; the page fits 375 px, needs no JavaScript and names no one", async () => {
    const batch = await server.db.db
      .withTables<UpwardTables>()
      .selectFrom("trace_batches")
      .select(["code", "product_name"])
      .where("county_code", "=", "130533")
      .orderBy("lot", "desc")
      .executeTakeFirstOrThrow();

    // What the pack carries: the SVG is exactly the QR code of the trace page's address.
    const svg = await (await fetch(`${server.url}/t/${batch.code}.svg`)).text();
    const address = `${server.url}/t/${batch.code}`;
    expect(svg).toBe(await QRCode.toString(address, { type: "svg", errorCorrectionLevel: "M", margin: 2 }));

    const context = await browser.newContext({
      viewport: { width: 375, height: 667 },
      deviceScaleFactor: 2,
      isMobile: true,
      javaScriptEnabled: false,
      locale: "zh-CN",
    });
    const page = await context.newPage();
    const response = await page.goto(address);
    expect(response?.status()).toBe(200);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(batch.product_name);
    for (const section of ["产品信息", "产地", "检测", "流转记录"]) {
      expect(await page.getByRole("heading", { name: section }).isVisible()).toBe(true);
    }
    // Nothing wider than the phone: no sideways scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const text = (await page.textContent("body")) ?? "";
    expect(text).toContain("合格");
    expect(text).toContain("已作废");
    expect(text).not.toMatch(/1[3-9]\d{9}/); // no mobile phone numbers
    expect(text).not.toContain("录入错误"); // the county's internal note stays internal
    await page.screenshot({ path: join(RESULTS_DIR, "trace-page-375.png"), fullPage: true });
    await context.close();
  });
});
