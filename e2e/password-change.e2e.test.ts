import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chinaTimestamp } from "../src/server/platform/time/china-time";
import { DEMO_PASSWORD, type E2eServer, launchBrowser, RESULTS_DIR, startServer } from "./support";

// The password the province administrator chose for the new account, and the clerk's own ones.
const INITIAL = "Weixian-Start-2017";
const OWN = "Weixian-Own-Pass-1";
const SECOND = "Weixian-Second-Pass-2";
const USERNAME = "wx-clerk";

async function signIn(page: Page, url: string, username: string, password: string) {
  await page.goto(`${url}/login`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
}

async function fillChange(page: Page, current: string, next: string, confirm = next) {
  await page.getByTestId("password-current").fill(current);
  await page.getByTestId("password-new").fill(next);
  await page.getByTestId("password-confirm").fill(confirm);
  await page.getByTestId("password-change-submit").click();
}

describe("an account an administrator created must change its password before anything else", () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // The province administrator creates 威县's account over HTTP, as its own page would.
    const signIn = await fetch(`${server.url}/api/v1/session`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: "province", password: DEMO_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const created = await fetch(`${server.url}/api/v1/users`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Cookie: cookie },
      body: JSON.stringify({
        username: USERNAME,
        displayName: "威县商务局新账户",
        role: "county_admin",
        regionCode: "130533",
        password: INITIAL,
      }),
    });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("first sign-in on a phone (375 px): only the form; wrong, reused and weak passwords refused in Chinese", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 }, locale: "zh-CN" });
    await signIn(page, server.url, USERNAME, INITIAL);
    const form = page.getByTestId("password-change-required");
    await form.waitFor();
    expect(await page.getByTestId("password-rule").textContent()).toBe(
      "至少10个字符，且包含小写字母、大写字母、数字、符号中的至少3类",
    );
    // No way into the app: no menu, no user menu, and another address shows the same form.
    expect(await page.getByTestId("menu-toggle").count()).toBe(0);
    expect(await page.getByTestId("current-user").count()).toBe(0);
    await page.goto(`${server.url}/counties/130533/funds`);
    await form.waitFor();
    expect(await page.getByTestId("county-title").count()).toBe(0);

    await fillChange(page, "Not-The-Password-1", OWN);
    await expect
      .poll(() => page.getByTestId("password-change-error").textContent())
      .toContain("当前密码不正确");

    // The administrator's password again: the server refuses it as one of the recent ones.
    await fillChange(page, INITIAL, INITIAL);
    await expect
      .poll(() => page.getByTestId("password-change-error").textContent())
      .toContain("新密码不能与最近");

    // Too short and too plain: the form states the shared rule before the server is asked.
    await fillChange(page, INITIAL, "abcdefgh");
    const explain = page.locator(".ant-form-item-explain-error");
    await expect
      .poll(() => explain.allTextContents())
      .toContain("密码至少10个字符；密码须包含小写字母、大写字母、数字、符号中的至少3类");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(RESULTS_DIR, "password-change-required-375.png"), fullPage: true });

    await fillChange(page, INITIAL, OWN);
    await expect
      .poll(() => page.getByTestId("county-title").textContent(), { timeout: 30_000 })
      .toContain("威县");
    expect(await form.count()).toBe(0);
    await page.getByTestId("menu-toggle").waitFor();
    await page.screenshot({ path: join(RESULTS_DIR, "password-changed-home-375.png"), fullPage: true });
    // The user menu offers 修改密码 on a phone too, without widening the page.
    await page.getByTestId("current-user").click();
    await page.getByTestId("menu-change-password").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: join(RESULTS_DIR, "user-menu-375.png") });
  });

  it("at 1366×768: changes it again from the user menu; an expired password turns the app into the form", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    await signIn(page, server.url, USERNAME, OWN);
    await expect.poll(() => page.getByTestId("county-title").textContent()).toContain("威县");

    await page.getByTestId("current-user").click();
    await page.getByTestId("menu-change-password").click();
    const dialog = page.getByTestId("password-change-modal");
    await dialog.waitFor();
    await fillChange(page, OWN, SECOND, "Something-Else-3");
    await expect
      .poll(() => dialog.locator(".ant-form-item-explain-error").allTextContents())
      .toContain("两次输入的新密码不一致");
    await fillChange(page, OWN, SECOND);
    await dialog.waitFor({ state: "detached" });
    await page.getByText("密码已修改").waitFor();

    // The password ages past its limit while the session is open: the next request answers 403
    // password_change_required and the app shows only the form.
    await server.db.db
      .updateTable("users")
      .set({ password_changed_at: chinaTimestamp(new Date(Date.now() - 400 * 86_400_000)) })
      .where("username", "=", USERNAME)
      .execute();
    await page.locator(".ant-layout-sider .ant-menu-item", { hasText: "资金安排" }).click();
    await page.getByTestId("password-change-required").waitFor();
    await page.screenshot({ path: join(RESULTS_DIR, "password-expired-1366.png"), fullPage: true });

    // Signing out stays possible.
    await page.getByTestId("logout").click();
    await page.getByTestId("login-username").waitFor();
  });
});
