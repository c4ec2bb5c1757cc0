/**
 * Issue 18, item 1: a county officer uploads the county workbook through the page. A .csv with a
 * bad row is checked, the bad row is named (sheet, row, column, reason in Chinese) and nothing is
 * written; the corrected file is checked again, written, and the village's population moves on
 * the county page the result links to.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NetworkTables } from "../src/server/network/network.tables";
import { DEMO_PASSWORD, type E2eServer, launchBrowser, RESULTS_DIR, startServer } from "./support";

const COUNTY = "130533";
const HEADER = "村代码,村名称,常住人口,建档立卡贫困村,通宽带";

describe("a county officer imports the village sheet through the web page", () => {
  let server: E2eServer;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), "shifan-e2e-wb-"));

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A 村庄.csv (the file name is the sheet name) in a folder of its own. */
  const villageCsv = (folder: string, rows: string[]) => {
    mkdirSync(join(dir, folder));
    const path = join(dir, folder, "村庄.csv");
    writeFileSync(path, `\uFEFF${[HEADER, ...rows].join("\r\n")}\r\n`);
    return path;
  };
  const population = async (code: string) =>
    (
      await server.db.db
        .withTables<NetworkTables>()
        .selectFrom("villages")
        .select("population")
        .where("code", "=", code)
        .executeTakeFirst()
    )?.population;

  const signIn = async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    await page.goto(`${server.url}/login`);
    await page.getByTestId("login-username").fill("c130533");
    await page.getByTestId("login-password").fill(DEMO_PASSWORD);
    await page.getByTestId("login-submit").click();
    await expect.poll(() => page.getByTestId("county-title").textContent()).toContain("威县");
    return page;
  };
  const villagesOfCounty = async () =>
    (
      await server.db.db
        .selectFrom("regions")
        .select("code")
        .where("county_code", "=", COUNTY)
        .where("level", "=", "village")
        .orderBy("code")
        .execute()
    ).map((r) => r.code);

  it("refuses the bad row with nothing written, then writes the corrected file (1366×768)", async () => {
    const [first, second] = await villagesOfCounty();
    const before = [await population(first!), await population(second!)];
    expect(before).not.toContain(4321);

    const page = await signIn();

    // The menu leads there; the template is one click away.
    await page.getByRole("menuitem", { name: "数据导入" }).click();
    await page.getByTestId("workbook-page").waitFor();
    const template = await page.request.get(
      `${server.url}${await page.getByTestId("workbook-template").getAttribute("href")}`,
    );
    expect(template.status()).toBe(200);
    expect(template.headers()["content-type"]).toContain("spreadsheetml");
    const input = page.locator('input[type="file"]');
    expect(await input.getAttribute("accept")).toBe(".xlsx,.csv");

    // Row 3 has a population that is not a number: the dry run names it and writes nothing.
    await input.setInputFiles(villageCsv("bad", [`${first},,4321,否,是`, `${second},,很多,否,是`]));
    await page.getByTestId("workbook-check-bad").waitFor();
    const rejected = page.getByTestId("import-rejected").locator("tbody tr.ant-table-row");
    expect(await rejected.count()).toBe(1);
    const bad = await rejected.first().textContent();
    expect(bad).toContain("村庄");
    expect(bad).toContain("3");
    expect(bad).toContain("常住人口");
    expect(bad).toMatch(/[\u4e00-\u9fa5]/);
    expect(await page.getByTestId("workbook-write").isDisabled()).toBe(true);
    await page.screenshot({ path: join(RESULTS_DIR, "workbook-import-rejected.png"), fullPage: true });
    expect([await population(first!), await population(second!)]).toEqual(before);

    // The corrected file passes the check and is written, all rows.
    await input.setInputFiles(villageCsv("good", [`${first},,4321,否,是`, `${second},,1234,否,是`]));
    await page.getByTestId("workbook-check-ok").waitFor();
    expect([await population(first!), await population(second!)]).toEqual(before);
    await page.screenshot({ path: join(RESULTS_DIR, "workbook-import-checked.png"), fullPage: true });
    await page.getByTestId("workbook-write").click();
    await page
      .getByRole("button", { name: "写 入" })
      .or(page.getByRole("button", { name: "写入" }))
      .last()
      .click();
    const done = page.getByTestId("workbook-done");
    await done.waitFor();
    await expect.poll(() => done.textContent()).toContain("已写入 2 行");
    await page.screenshot({ path: join(RESULTS_DIR, "workbook-import-done.png"), fullPage: true });
    expect([await population(first!), await population(second!)]).toEqual([4321, 1234]);

    // The result links to where the villages show; the figure there has moved.
    await page.getByTestId("import-link-村庄").click();
    await page.getByTestId("village-search").fill(first!);
    await page.getByTestId("village-search").press("Enter");
    const table = page.getByTestId("village-table");
    await expect
      .poll(async () => (await table.locator("tbody tr.ant-table-row").allTextContents()).join("|"))
      .toContain("4,321");
    await page.screenshot({ path: join(RESULTS_DIR, "workbook-import-county-page.png"), fullPage: true });
  });

  it("keeps the good rows when asked, and hands over the refused ones as CSV", async () => {
    const [, , third, fourth] = await villagesOfCounty();
    const before = await population(fourth!);
    const page = await signIn();
    await page.goto(`${server.url}/counties/${COUNTY}/workbook`);
    await page
      .locator('input[type="file"]')
      .setInputFiles(villageCsv("partial", [`${third},,2468,否,是`, `${fourth},,-5,否,是`]));
    await page.getByTestId("workbook-check-bad").waitFor();
    expect(await population(third!)).not.toBe(2468);

    const download = page.waitForEvent("download");
    await page.getByTestId("workbook-rejects").click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("村庄-错误行.csv");
    const text = readFileSync((await file.path())!, "utf8");
    expect(text).toContain("工作表,行号,列,原因");
    expect(text).toContain("村庄,3,常住人口,");

    await page.getByTestId("workbook-write-partial").click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: "仅写入有效行" }).click();
    const done = page.getByTestId("workbook-done");
    await done.waitFor();
    await expect.poll(() => done.textContent()).toContain("已写入 1 行");
    expect(await done.textContent()).toContain("1 处错误的行未写入");
    await page.screenshot({ path: join(RESULTS_DIR, "workbook-import-partial.png"), fullPage: true });
    expect(await population(third!)).toBe(2468);
    expect(await population(fourth!)).toBe(before);
  });
});
