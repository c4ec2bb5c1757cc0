import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { T1_PROJECT_LABELS } from "../src/rules/transparency";
import { DEMO_PASSWORD, type E2eServer, launchBrowser, RESULTS_DIR, startServer } from "./support";

describe("a citizen reads a county's transparency column and files a complaint on a phone (T1–T4)", () => {
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

  const phone = () =>
    browser.newContext({
      viewport: { width: 375, height: 667 },
      deviceScaleFactor: 2,
      isMobile: true,
      javaScriptEnabled: false,
      locale: "zh-CN",
    });

  it("every county's column and the provincial zone open without login at 375 px, with the T1 labels", async () => {
    const counties = await server.db.db
      .selectFrom("demonstration_counties")
      .select(["county_code", "name"])
      .execute();
    expect(counties).toHaveLength(17);
    const context = await phone();
    const page = await context.newPage();
    const zone = await page.goto(`${server.url}/gk`);
    expect(zone?.status()).toBe(200);
    await page.screenshot({ path: join(RESULTS_DIR, "gk-zone-375.png"), fullPage: true });
    for (const county of counties) {
      const response = await page.goto(`${server.url}/gk/${county.county_code}`);
      expect(response?.status(), county.name).toBe(200);
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain(county.name);
      for (const label of T1_PROJECT_LABELS)
        expect(await page.getByText(label, { exact: true }).first().isVisible(), label).toBe(true);
      expect(await page.getByRole("heading", { name: "专项资金使用情况" }).isVisible()).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      expect((await page.textContent("body")) ?? "").not.toMatch(/1[3-9]\d{9}/); // no mobile numbers (R1)
      await page.screenshot({ path: join(RESULTS_DIR, `gk-${county.county_code}-375.png`) });
    }
    await context.close();
  });

  it("a complaint gets a tracking number, reaches the county and the province, and its status can be looked up", async () => {
    const context = await phone();
    const page = await context.newPage();
    await page.goto(`${server.url}/gk/130533`);
    await page.getByRole("link", { name: "纪检、审计举报" }).click();
    await page.getByLabel("标题").fill("站点收取设备押金");
    await page.getByLabel("内容").fill("某村服务站建设时要求缴纳设备押金500元，请核查。");
    const question = (await page.locator('label[for="answer"]').textContent()) ?? "";
    const [, a, b] = question.match(/(\d+) 加 (\d+)/)!;
    await page.getByLabel(/验证问题/).fill(String(Number(a) + Number(b)));
    await page.getByRole("button", { name: "提交" }).click();
    const trackingNo = ((await page.locator("#tracking-no").textContent()) ?? "").trim();
    expect(trackingNo).toMatch(/^JB\d{8}-[A-Z2-9]{8}$/);
    await page.screenshot({ path: join(RESULTS_DIR, "gk-complaint-receipt-375.png"), fullPage: true });

    const signIn = async (username: string) => {
      const api = await browser.newContext();
      const res = await api.request.post(`${server.url}/api/v1/session`, {
        data: { username, password: DEMO_PASSWORD },
      });
      expect(res.status()).toBe(200);
      return api;
    };
    const county = await signIn("c130533");
    const mine = await (await county.request.get(`${server.url}/api/v1/columns/130533/messages`)).json();
    const message = mine.find((m: { trackingNo: string }) => m.trackingNo === trackingNo);
    expect(message).toMatchObject({ kind: "complaint", status: "received" });
    const province = await signIn("province");
    const all = await (await province.request.get(`${server.url}/api/v1/public-messages`)).json();
    expect(all.map((m: { trackingNo: string }) => m.trackingNo)).toContain(trackingNo);

    await page.getByRole("link", { name: "查询办理进度" }).click();
    expect(await page.locator("#status").textContent()).toBe("已受理");
    const reply = await county.request.post(
      `${server.url}/api/v1/columns/130533/messages/${message.id}/reply`,
      {
        data: { status: "replied", reply: "已核查，责令退还押金。" },
        headers: { origin: server.url },
      },
    );
    expect(reply.status()).toBe(200);
    await page.goto(`${server.url}/gk/track?no=${trackingNo}`);
    expect(await page.locator("#status").textContent()).toBe("已答复");
    expect(await page.getByText("已核查，责令退还押金。").isVisible()).toBe(true);
    await page.screenshot({ path: join(RESULTS_DIR, "gk-tracking-375.png"), fullPage: true });
    await county.close();
    await province.close();
    await context.close();
  });
});
