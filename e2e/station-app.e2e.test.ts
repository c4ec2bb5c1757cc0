/**
 * The station manager's phone app end to end (issue 20), in Chromium at 375 px: the county opens a
 * station account and shows its QR code; the phone signs in with the link, loses the network,
 * records orders and a parcel, comes back online — and the first sync's answer is lost on the way
 * (the server stored it), so the phone sends the same records again. The county's KPI page counts
 * them once. Then the county revokes the account and the phone is signed out.
 */
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chinaInstant } from "../src/rules/operations";
import { DEMO_PASSWORD, type E2eServer, launchBrowser, RESULTS_DIR, startServer } from "./support";

const COUNTY = "130533";
const STATION_NO = "0APP-E2E";

/** expect.poll with room for a loaded machine (a service worker, IndexedDB and a sync per step). */
const slow = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000 });

describe("the station manager's app works offline and syncs once", () => {
  let server: E2eServer;
  let browser: Browser;
  let office: Page;
  let phone: BrowserContext;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await phone?.close();
    await browser?.close();
    await server?.close();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(RESULTS_DIR, name), fullPage: true });

  it("lets the county open a station account and show its QR code", async () => {
    office = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: "zh-CN" });
    await office.goto(`${server.url}/login`);
    await office.getByTestId("login-username").fill(`c${COUNTY}`);
    await office.getByTestId("login-password").fill(DEMO_PASSWORD);
    await office.getByTestId("login-submit").click();
    await office.waitForURL((url) => !url.pathname.startsWith("/login"));
    // A new station of the county, so its figures are the phone's alone.
    const village = await server.db.db
      .selectFrom("regions")
      .select("code")
      .where("county_code", "=", COUNTY)
      .where("level", "=", "village")
      .where("village_kind", "=", "village_committee")
      .orderBy("code", "desc")
      .executeTakeFirstOrThrow();
    const station = await office.request.post(`${server.url}/api/v1/counties/${COUNTY}/stations`, {
      data: { stationNo: STATION_NO, villageCode: village.code, name: "手机测试站" },
    });
    expect(station.status(), await station.text()).toBe(201);

    await office.goto(`${server.url}/counties/${COUNTY}/operations`);
    const card = office.getByTestId("station-accounts");
    await card.waitFor();
    await card.getByTestId("station-account-station").click();
    await office.keyboard.type(STATION_NO);
    await office.locator(".ant-select-item-option", { hasText: STATION_NO }).click();
    await card.getByTestId("station-account-username").fill("zhanzhang01");
    await card.getByTestId("station-account-name").fill("李站长");
    const created = office.waitForResponse(
      (r) => r.url().endsWith("/station-accounts") && r.request().method() === "POST",
    );
    await card.getByTestId("station-account-create").click();
    const link = (await (await created).json()) as { url: string };
    expect(link.url).toMatch(/\/station\/#t=stn_/);
    const shown = office.getByTestId("station-account-link");
    await shown.locator("img").waitFor();
    expect(await shown.textContent()).toContain("只能用一次");
    await shot(office, "station-account-qr-1366.png");
    await office.keyboard.press("Escape");

    phone = await browser.newContext({
      viewport: { width: 375, height: 760 },
      locale: "zh-CN",
      isMobile: true,
      hasTouch: true,
    });
    const page = await phone.newPage();
    await page.goto(link.url);
    await slow(() => page.locator(".st-title").textContent()).toBe("手机测试站");
    // The link's token is gone from the address bar.
    expect(page.url()).not.toContain("#t=");
    const manifest = await page.request.get(`${server.url}/station/manifest.webmanifest`);
    expect((await manifest.json()).start_url).toBe("/station/");
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await shot(page, "station-app-signed-in-375.png");
  });

  it("records offline, then syncs once although the first answer is lost", async () => {
    const [page] = phone.pages() as [Page];
    // The app opens with no network at all: its shell and the station come from the phone.
    await slow(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await phone.setOffline(true);
    await page.reload();
    await slow(() => page.locator(".st-title").textContent()).toBe("手机测试站");
    await slow(() => page.getByTestId("network").textContent()).toBe("离线");

    for (const [kind, amount] of [
      ["代购", "10"],
      ["代购", "20.50"],
      ["代购", "30"],
      ["助农取款", "500"],
    ] as const) {
      await page.getByRole("button", { name: kind, exact: true }).click();
      await page.locator("input[name=amount]").fill(amount);
      await page.getByRole("button", { name: "保存这一单" }).click();
    }
    await page.getByRole("button", { name: "包裹", exact: true }).click();
    await page.locator("input[name=waybill]").fill("E2E0000000001");
    const yesterday = chinaInstant(Date.now() - 86_400_000).slice(0, 10);
    await page.locator("input[name=dispatchedOn]").fill(yesterday);
    await page.getByRole("button", { name: "保存签收" }).click();
    const status = page.getByTestId("sync-status");
    await slow(() => status.textContent()).toContain("5 条记录等待同步");
    expect(await status.textContent()).toContain("现在没有网络");
    await page.getByRole("button", { name: "本月", exact: true }).click();
    const figures = await page.getByTestId("figure").first().textContent();
    expect(figures).toContain("3 单");
    expect(figures).toContain("含手机上待同步的记录");
    await shot(page, "station-app-offline-375.png");

    // The first sync reaches the server, which stores it, but its answer never reaches the phone.
    let syncs = 0;
    let firstStatus = 0;
    await page.route("**/api/v1/station-app/sync", async (route) => {
      syncs++;
      if (syncs === 1) {
        firstStatus = (await route.fetch()).status();
        await route.abort("connectionreset");
      } else await route.continue();
    });
    await phone.setOffline(false);
    await slow(() => syncs).toBe(1);
    await slow(() => status.textContent()).toContain("上次同步没有成功");
    expect(firstStatus).toBe(200);
    expect(await status.textContent()).toContain("5 条记录等待同步");
    await page.getByRole("button", { name: "立即同步" }).click();
    await slow(() => status.textContent()).toContain("全部记录已同步");
    expect(syncs).toBe(2);
    await slow(async () => (await page.getByTestId("figure").first().textContent()) ?? "").toContain("3 单");
    expect(await page.getByTestId("figure").first().textContent()).not.toContain("待同步");
    await shot(page, "station-app-synced-375.png");

    // The county's KPI page: the station's month has 3 代购 orders and 1 parcel, counted once.
    const rows = await server.db.db
      .selectFrom("ingest_orders" as never)
      .select(["source_id" as never])
      .where("station_code" as never, "=", STATION_NO as never)
      .execute();
    expect(rows).toHaveLength(4);
    await office.goto(`${server.url}/counties/${COUNTY}/operations`);
    const row = office.getByTestId("operations-page").locator(`tr[data-row-key="${STATION_NO}"]`);
    await row.waitFor();
    const cells = await row.locator("td").allTextContents();
    // 站点编号, 月数, 上线率, 月均代购单数, 月均交易额, 下行件数 …
    expect(cells.slice(0, 2)).toEqual([STATION_NO, "1"]);
    expect(cells[3]).toBe("3");
    expect(cells[4]).toBe("60.50 元"); // 助农取款 is the villagers' own money, no 交易额 (O2)
    expect(cells[5]).toBe("1");
    await row.scrollIntoViewIfNeeded();
    await shot(office, "station-app-county-kpi-1366.png");
  });

  it("signs the phone out when the county revokes the account", async () => {
    const card = office.getByTestId("station-accounts");
    await card.getByTestId("station-account-revoke").first().click();
    await office
      .locator(".ant-popconfirm")
      .getByRole("button", { name: /^注\s*销$/ })
      .click();
    await slow(() => card.textContent()).toContain("已注销");
    const [page] = phone.pages() as [Page];
    await page.reload();
    await slow(() => page.locator("main").textContent()).toContain("账号已被县里注销");
    await shot(page, "station-app-revoked-375.png");
  });
});
