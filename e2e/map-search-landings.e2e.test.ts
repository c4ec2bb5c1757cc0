/**
 * Issue 18 items 3, 4 and 6 in the browser: the province map of Hebei's counties (boundaries served
 * by this server, nothing fetched elsewhere), a filtered station list with its count and the
 * "不达标" figure that agrees with A3, and the assessor's and the contractor's landings. Screenshots
 * at 1366×768 and on a 390 px phone.
 */
import { join } from "node:path";
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

const VIEWPORTS = [
  { name: "1366", width: 1366, height: 768 },
  { name: "390", width: 390, height: 844 },
] as const;

describe("the map, the searchable lists and the role landings", () => {
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

  async function signIn(username: string, viewport: { width: number; height: number }): Promise<Page> {
    const page = await browser.newPage({ viewport, locale: "zh-CN" });
    await page.goto(`${server.url}/login`);
    await page.getByTestId("login-username").fill(username);
    await page.getByTestId("login-password").fill(DEMO_PASSWORD);
    await page.getByTestId("login-submit").click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    return page;
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(RESULTS_DIR, name), fullPage: true });

  it("draws Hebei's counties with the 17 demonstration counties by verdict and by coverage", async () => {
    for (const viewport of VIEWPORTS) {
      const page = await signIn("province", viewport);
      const foreign: string[] = [];
      const boundaries: number[] = [];
      page.on("request", (request) => {
        if (!request.url().startsWith(server.url) && !request.url().startsWith("data:"))
          foreign.push(request.url());
      });
      page.on("response", async (response) => {
        if (/13-counties-[^/]*\.json$/.test(response.url()) && response.ok())
          boundaries.push(((await response.json()) as { features: unknown[] }).features.length);
      });
      await page.goto(`${server.url}/province`);
      await page.locator('[data-testid="province-map"][data-ready="true"]').waitFor();
      // Every county of Hebei has its boundary, from this server.
      await expect.poll(() => boundaries).toEqual([167]);

      // The legend names each verdict with its count of counties; the counts add up to 17.
      const legend = page.getByTestId("province-map-legend");
      await expect.poll(() => legend.textContent()).toContain("通过验收");
      const counts = (text: string | null) =>
        [...(text ?? "").matchAll(/（(\d+)）/g)].reduce((sum, m) => sum + Number(m[1]), 0);
      expect(counts(await legend.textContent())).toBe(17);
      expect(await legend.textContent()).toContain("非示范县");
      await shot(page, `province-map-${viewport.name}.png`);

      // By coverage: the bands are the A3 target and above, again 17 counties in all.
      await page.getByTestId("province-map-mode").getByText("按行政村覆盖率").click();
      await expect.poll(() => legend.textContent()).toContain("未达标");
      expect(counts(await legend.textContent())).toBe(17);
      await shot(page, `province-map-coverage-${viewport.name}.png`);
      expect(foreign).toEqual([]);
      await page.close();
    }
  });

  it("filters the stations by number and state, with the matching count; 不达标 agrees with A3", async () => {
    for (const viewport of VIEWPORTS) {
      const page = await signIn("c130533", viewport);
      await page.goto(`${server.url}/counties/130533/network?tab=stations`);
      const count = page.getByTestId("station-count");
      await count.waitFor();
      const total = Number((await count.textContent())?.match(/共 (\d+) 个站点/)?.[1]);
      expect(total).toBeGreaterThan(20);
      expect(await count.textContent()).toContain(`符合条件 ${total} 个`);

      // One station by its number.
      await page.getByTestId("station-search").fill("130533-Z0008");
      await expect.poll(() => count.textContent()).toContain("符合条件 1 个");
      const rows = page.getByTestId("station-table").locator("tbody tr.ant-table-row");
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain("130533-Z0008");
      await page.getByTestId("station-search").fill("");

      // Stations under construction only: fewer than all, every row shows 在建.
      await chooseOption(page, page.getByTestId("station-status"), "在建");
      await expect
        .poll(async () => Number((await count.textContent())?.match(/符合条件 (\d+) 个/)?.[1]))
        .toBeLessThan(total);
      const building = Number((await count.textContent())?.match(/符合条件 (\d+) 个/)?.[1]);
      expect(building).toBeGreaterThan(0);
      const states = await rows.locator("td:nth-child(8)").allTextContents();
      expect(states.length).toBe(Math.min(building, 20));
      expect(new Set(states)).toEqual(new Set(["在建"]));
      await shot(page, `stations-filtered-${viewport.name}.png`);

      // The failing figure is split: those in service are exactly what A3 counts on its date.
      const failing = await page.getByTestId("station-failing").textContent();
      const inService = Number(failing?.match(/在运营 (\d+) 个/)?.[1]);
      const scorecard = await page.request.get(
        `${server.url}/api/v1/counties/130533/scorecard?asOf=2018-10-31`,
      );
      const a3 = (
        (await scorecard.json()) as { items: { id: string; measured: Record<string, number> }[] }
      ).items.find((i) => i.id === "A3");
      expect(inService).toBe(a3?.measured.stationsFailingSpec);
      await page.getByTestId("station-failing").hover();
      await expect
        .poll(() => page.locator(".ant-tooltip").textContent())
        .toContain("只计截至评估基准日在运营的站点");
      await page.close();
    }
  });

  it("searches the contracts ledger by number, with the matching count", async () => {
    const page = await signIn("c130533", { width: 1366, height: 768 });
    await page.goto(`${server.url}/counties/130533/procurement`);
    const count = page.getByTestId("contract-count");
    await count.waitFor();
    const total = Number((await count.textContent())?.match(/共 (\d+) 份合同/)?.[1]);
    expect(total).toBeGreaterThan(1);
    await page.getByTestId("contract-search").fill("130533-HT-01");
    await expect.poll(() => count.textContent()).toContain("符合条件 1 份");
    const rows = page.getByTestId("contract-table").locator("tbody tr.ant-table-row");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("130533-HT-01");
    await page.getByTestId("contract-search").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS_DIR, "contracts-filtered-1366.png") });
    await page.close();
  });

  it("shows the county on its city's map beside the schematic village view", async () => {
    const page = await signIn("c130533", { width: 1366, height: 768 });
    await page.goto(`${server.url}/counties/130533/network`);
    await page.locator('[data-testid="county-locator-map"][data-ready="true"]').waitFor();
    expect(await page.getByTestId("county-locator").textContent()).toContain("邢台市");
    await page.getByTestId("county-locator").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(RESULTS_DIR, "county-locator-1366.png") });
    await page.close();
  });

  it("lands the contractor on its contracts, the reports it owes and its tokens", async () => {
    for (const viewport of VIEWPORTS) {
      const page = await signIn("contractor1", viewport);
      await page.getByTestId("contractor-home").waitFor();
      const contracts = page.getByTestId("contractor-contracts");
      await expect.poll(() => contracts.textContent()).toContain("130533-HT-01");
      const tokens = page.getByTestId("contractor-tokens");
      expect(await tokens.textContent()).toContain("订单与上线数据");
      expect(await tokens.textContent()).toContain("站点月报（上线率）");
      // A token's text is never shown again, only its last characters.
      expect(await page.locator("body").textContent()).not.toContain("shf_");
      await page.getByTestId("contractor-reports").waitFor();
      await shot(page, `contractor-home-${viewport.name}.png`);
      await page.close();
    }
  });

  it("lands the assessor on its counties and what waits there, each a link to where it is done", async () => {
    for (const viewport of VIEWPORTS) {
      const page = await signIn("assessor", viewport);
      await page.getByTestId("assessor-home").waitFor();
      const table = page.getByTestId("assessor-counties");
      await expect.poll(() => table.locator("tbody tr.ant-table-row").count()).toBe(17);
      await shot(page, `assessor-home-${viewport.name}.png`);
      if (viewport.name !== "1366") {
        await page.close();
        continue;
      }
      // 巨鹿县 awaits the assessor's decisions: open its tasks and follow one.
      const row = table.locator("tbody tr.ant-table-row").filter({ hasText: "巨鹿县" });
      await row.locator(".ant-table-row-expand-icon").click();
      const tasks = page.getByTestId("assessor-tasks");
      await expect.poll(() => tasks.textContent()).toContain("待您评定：");
      expect(await tasks.textContent()).not.toMatch(/待您评定：[A-E]\d/);
      await tasks.getByText("去处理").first().click();
      await page.waitForURL(/\/counties\/130529\/acceptance$/);
      await page.close();
    }
  });
});
