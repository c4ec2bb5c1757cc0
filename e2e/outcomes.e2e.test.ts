/**
 * The outcomes page (issue 17): the county officer sees D1/D2 decided from the demo's year
 * figures with their measured growth, enters a year through the form, and reads the poor
 * households' sales, the staff shares and the record rosters; then enters a household's month of
 * sales, a staff member by ID-card number (shown only masked), and an inspection with a photo,
 * and sees each counted. Screenshots of each tab and form.
 */
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPhotoPng } from "../src/server/outcomes/demo-photo";
import {
  chooseOption,
  DEMO_PASSWORD,
  type E2eServer,
  launchBrowser,
  RESULTS_DIR,
  startServer,
} from "./support";

const ID_CARD = "11010519491231002X";

/** Types a date into an antd DatePicker and confirms it, as an officer does with the keyboard. */
async function pickDate(picker: Locator, date: string) {
  const input = picker.locator("xpath=self::input | .//input").first();
  await input.click();
  await input.fill(date);
  await input.press("Enter");
  await expect.poll(() => input.inputValue()).toBe(date);
}

/** The number after `label` in a text such as "在岗 12 人". */
const numberAfter = (label: string, text: string | null) =>
  Number(new RegExp(`${label}\\s*(\\d+)`).exec(text ?? "")?.[1] ?? Number.NaN);

async function signIn(page: Page, url: string, username: string) {
  await page.goto(`${url}/login`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("current-user").waitFor();
}

describe("the outcomes page: year figures, poor households' sales, staff and records", () => {
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

  it("county admin of 平泉市: sees D1 decided, enters 2019's figures through the form, reads every tab", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    await signIn(page, server.url, "c130881");
    await page.goto(`${server.url}/counties/130881/outcomes`);
    const judgements = page.getByTestId("outcome-judgements");
    const d1 = judgements.locator("tr", { hasText: "电子商务交易额同比" });
    await d1.waitFor();
    // The demo opens on 2018-10-31: 2018 against 2017, decided from the year figures (rule G2).
    expect(await d1.textContent()).toMatch(/达标.*年份 2018.*同比增长 \d+\.\d+%/);
    expect(await judgements.locator("tr", { hasText: "扶持政策" }).textContent()).toContain("待评估机构判定");
    await page.getByTestId("year-figures").locator("tr", { hasText: "2018" }).waitFor();
    expect(await page.getByTestId("year-figures").textContent()).toContain("统计局");
    await page.screenshot({ path: join(RESULTS_DIR, "outcomes-years-1366.png"), fullPage: true });

    await page.getByTestId("year-figures-add").click();
    const form = page.getByTestId("year-figures-form");
    await form.locator("#year").fill("2019");
    await form.locator("#transactions").fill("abc");
    await form.locator("#ruralRetail").fill("1000");
    await page.locator(".ant-modal .ant-btn-primary").click();
    await form.getByText("金额应为非负的元数").first().waitFor(); // the same yuan parser as the importer
    await form.locator("#transactions").fill("500000000.50");
    await form.locator("#agriRetail").fill("120000000");
    await form.locator("#jobs").fill("1500");
    await form.locator("#sourceDocument").fill("县统计局《2019年电子商务统计》");
    await page.locator(".ant-modal .ant-btn-primary").click();
    const row2019 = page.getByTestId("year-figures").locator("tr", { hasText: "2019" });
    await row2019.waitFor();
    expect(await row2019.textContent()).toContain("500,000,000.50");
    // Changing a year opens the form with its figures; deleting it takes it off the list.
    await row2019.getByTestId("year-figures-edit").click();
    await expect.poll(() => form.locator("#transactions").inputValue()).toBe("500000000.50");
    await form.locator("#jobs").fill("1600");
    await page.locator(".ant-modal .ant-btn-primary").click();
    await expect.poll(() => row2019.textContent()).toContain("1600");
    await row2019.getByTestId("year-figures-delete").click();
    await page.locator(".ant-popconfirm .ant-btn-primary").click();
    await row2019.waitFor({ state: "detached" });

    await page.getByRole("tab", { name: "贫困户销售" }).click();
    await page.getByTestId("poor-sales-total").waitFor();
    await expect
      .poll(() => page.getByTestId("poor-sales-total").textContent())
      .toMatch(/有网络销售的贫困户 [1-9]\d* 户/);
    await page.screenshot({ path: join(RESULTS_DIR, "outcomes-sales-1366.png"), fullPage: true });

    await page.getByRole("tab", { name: "从业人员" }).click();
    await page.getByTestId("staff-share").waitFor();
    expect(await page.getByTestId("staff-share").textContent()).toContain("建档立卡贫困人员");
    await page.screenshot({ path: join(RESULTS_DIR, "outcomes-staff-1366.png"), fullPage: true });

    await page.getByRole("tab", { name: "工作记录" }).click();
    await page.getByTestId("record-table").locator("tr", { hasText: "县长" }).first().waitFor();
    await page.getByTestId("record-roster").click();
    await page.locator(".ant-select-item-option").filter({ hasText: "调研报告" }).click();
    await page.getByTestId("record-table").locator("tr", { hasText: "调研报告（5）" }).waitFor();
    await page.screenshot({ path: join(RESULTS_DIR, "outcomes-records-1366.png"), fullPage: true });
  });

  it("county admin of 平泉市: enters a month of sales, a staff member and an inspection with a photo, and sees each counted", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    await signIn(page, server.url, "c130881");
    const base = `${server.url}/api/v1/counties/130881`;

    // Poor households' sales (O9): a registered household without sales yet.
    const sold = new Set(
      (
        (await (await page.request.get(`${base}/outcomes/poor-household-sales`)).json()).items as {
          household: string;
        }[]
      ).map((s) => s.household),
    );
    const roster = (await (await page.request.get(`${base}/poor-households?pageSize=500`)).json()).items as {
      household: string;
    }[];
    const household = roster.find((h) => !sold.has(h.household))!.household;
    await page.goto(`${server.url}/counties/130881/outcomes?tab=sales`);
    const total = page.getByTestId("poor-sales-total");
    // The demo's sales are listed (before they load the total reads 0).
    await page.getByTestId("poor-sales").locator("tr.ant-table-row").first().waitFor();
    const householdsBefore = numberAfter("有网络销售的贫困户", await total.textContent());
    await page.getByTestId("sale-add").click();
    const saleForm = page.getByTestId("sale-form");
    await saleForm.locator("#household").fill("NO-SUCH-HOUSEHOLD");
    await pickDate(saleForm.locator("#month"), "2018-10");
    await saleForm.locator("#quantity").fill("25");
    await saleForm.locator("#amount").fill("750.50");
    await saleForm.locator("#incomeGain").fill("180");
    await page.locator(".ant-modal .ant-btn-primary").click();
    // The server's refusal shows on the field: the household is not on the roster.
    await saleForm.getByText("不在本县贫困户名册").waitFor();
    await page.screenshot({ path: join(RESULTS_DIR, "outcomes-sale-form-1366.png") });
    await saleForm.locator("#household").fill(household);
    await page.locator(".ant-modal .ant-btn-primary").click();
    await page
      .getByTestId("poor-sales")
      .locator("tr", { hasText: household })
      .filter({ hasText: "750.50" })
      .waitFor();
    await expect
      .poll(async () => numberAfter("有网络销售的贫困户", await total.textContent()))
      .toBe(householdsBefore + 1);

    // Staff (K5): a registered poor person entered by ID-card number, shown only masked.
    await page.getByRole("tab", { name: "从业人员" }).click();
    const share = page.getByTestId("staff-share");
    await share.waitFor();
    const staffBefore = numberAfter("在岗", await share.textContent());
    const poorBefore = numberAfter("贫困人员", await share.textContent());
    await page.getByTestId("staff-add").click();
    const staffForm = page.getByTestId("staff-form");
    await chooseOption(
      page,
      staffForm.locator("#facilityKind").locator("xpath=ancestor::div[contains(@class,'ant-select')][1]"),
      "村级服务站点",
    );
    await staffForm.locator("#facilityCode").fill("130881-ZD09");
    await staffForm.locator("#personId").fill(ID_CARD);
    await staffForm.locator("#role").fill("站长");
    await pickDate(staffForm.locator("#startedOn"), "2018-03-01");
    await pickDate(staffForm.locator("#endedOn"), "2018-02-01");
    await staffForm.getByText("贫困人员").click();
    await page.locator(".ant-modal .ant-btn-primary").click();
    await staffForm.getByText("离岗日期不能早于上岗日期").waitFor(); // the server's own rule, checked as typed
    await staffForm
      .locator("#endedOn")
      .locator("xpath=ancestor::div[contains(@class,'ant-picker')][1]")
      .hover();
    await staffForm.locator(".ant-picker-clear").last().click();
    await page.locator(".ant-modal .ant-btn-primary").click();
    const staffRow = page.getByTestId("staff-roster").locator("tr", { hasText: "130881-ZD09" });
    await staffRow.waitFor();
    await expect.poll(async () => numberAfter("在岗", await share.textContent())).toBe(staffBefore + 1);
    expect(numberAfter("贫困人员", await share.textContent())).toBe(poorBefore + 1);
    expect(await staffRow.textContent()).toContain("*");
    expect(await page.content()).not.toContain(ID_CARD);
    await page.screenshot({ path: join(RESULTS_DIR, "outcomes-staff-entered-1366.png"), fullPage: true });

    // An inspection (C2) with a photo: counted in the judgement above.
    await page.getByRole("tab", { name: "工作记录" }).click();
    await chooseOption(page, page.getByTestId("record-roster"), "现场检查与督导");
    const table = page.getByTestId("record-table");
    await table.locator("tr", { hasText: "县商务局项目组" }).first().waitFor();
    const c2 = page.getByTestId("outcome-judgements").locator("tr", { hasText: "现场检查记录" });
    const inspectionsBefore = numberAfter("县级现场检查（次）", await c2.textContent());
    const photosBefore = numberAfter("现场照片（张）", await c2.textContent());
    await page.getByTestId("record-add").click();
    const recordForm = page.getByTestId("record-form");
    await chooseOption(
      page,
      recordForm.locator("#kind").locator("xpath=ancestor::div[contains(@class,'ant-select')][1]"),
      "县级现场检查",
    );
    await pickDate(recordForm.locator("#inspectedOn"), "2018-10-15");
    await recordForm.locator("#inspector").fill("县商务局电商办");
    await recordForm.locator("#subject").fill("乡镇配送中心冷链");
    await recordForm.locator("#findingsOpen").fill("1");
    await page.locator(".ant-modal .ant-btn-primary").click();
    await recordForm.getByText("有未整改问题时须写明发现的问题").waitFor();
    await recordForm.locator("#findings").fill("冷库温控记录缺两天");
    await page.screenshot({ path: join(RESULTS_DIR, "outcomes-inspection-form-1366.png") });
    await page.locator(".ant-modal .ant-btn-primary").click();
    const row = table.locator("tr", { hasText: "乡镇配送中心冷链" });
    await row.waitFor();
    await expect
      .poll(async () => numberAfter("县级现场检查（次）", await c2.textContent()))
      .toBe(inspectionsBefore + 1);
    await row.locator("input[type=file]").setInputFiles({
      name: "冷库.png",
      mimeType: "image/png",
      buffer: demoPhotoPng(42),
    });
    await row.getByTestId("inspection-photo").locator("img").waitFor();
    await expect
      .poll(async () => numberAfter("现场照片（张）", await c2.textContent()))
      .toBe(photosBefore + 1);
    // The thumbnail is the uploaded file, served to this county's reader.
    const src = await row.getByTestId("inspection-photo").locator("img").getAttribute("src");
    const file = await page.request.get(`${server.url}${src}`);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toBe("image/png");
    await page.screenshot({ path: join(RESULTS_DIR, "outcomes-inspection-photo-1366.png"), fullPage: true });

    // Another county's admin is refused the photo.
    const other = await browser.newPage();
    await signIn(other, server.url, "c130533");
    expect((await other.request.get(`${server.url}${src}`)).status()).toBe(403);
    await other.close();
  });

  it("the scorecard shows D1 decided from data with the measured growth", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    await signIn(page, server.url, "c130881");
    const res = await page.request.get(`${server.url}/api/v1/counties/130881/scorecard?asOf=2018-10-31`);
    const card = await res.json();
    const d1 = card.items.find((i: { id: string }) => i.id === "D1");
    expect(d1).toMatchObject({ status: "pass", decidedBy: "data", measured: { year: 2018 } });
    expect(d1.measured.growthBp).toBeGreaterThanOrEqual(2000);
  });
});
