/**
 * The funds chain in the browser (issue 3): a county officer of 涞水县 (130623), whose demo plan was
 * filed and approved in 2017, proposes a change in February 2018 with a forbidden line (F4), sees it
 * flagged, fixes it, puts it on public notice over the 2018 Spring Festival (F6: the State Council
 * calendar with its make-up Saturday), files it on the earliest day, then records a tender, its
 * award, the contract and the 60% first advance (F7), with 59% flagged as it is typed.
 */
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, type E2eServer, launchBrowser, RESULTS_DIR, startServer } from "./support";

const CODE = "130623";
const TENDER_NO = `${CODE}-2018-05`;
const CONTRACT_NO = `${CODE}-HT-05`;
const FORBIDDEN = "及站点人员工资补贴";

describe("a county officer takes a fund plan from draft to the first advance", () => {
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

  it("flags F4, computes the notice on the State Council calendar, files, tenders, contracts and pays 60% (1366×768)", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
    await signIn(page, `c${CODE}`);
    await expect.poll(() => page.getByTestId("county-title").textContent()).toContain("涞水县");

    // The fund plan: the filed and approved 2017 arrangement.
    await page.getByTestId("county-sections").getByRole("tab", { name: "资金安排" }).click();
    await expect.poll(() => page.getByTestId("plan-status").textContent()).toBe("已批准");
    expect(await page.getByTestId("plan-version").textContent()).toBe("第1版");

    // A change drawn up on 2018-02-08: one point from logistics to village stations, and a
    // forbidden use slipped into the stations line.
    await page.getByTestId("plan-new-version").click();
    await pickDate(page.getByTestId("plan-prepared-on"), "2018-02-08");
    await page
      .getByTestId("plan-change-reason")
      .fill("（测试）压减物流配送1个百分点，用于增加贫困村服务站点");
    expect(await page.getByTestId("plan-description-2").inputValue()).toContain("仓储物流");
    expect(await page.getByTestId("plan-description-4").inputValue()).toContain("村级电子商务服务站点");
    await page.getByTestId("plan-amount-2").fill("4350000");
    await page.getByTestId("plan-amount-4").fill("1650000");
    const stations = await page.getByTestId("plan-description-4").inputValue();
    await page.getByTestId("plan-description-4").fill(`${stations}，新增15个贫困村站点${FORBIDDEN}`);

    // Flagged as it is typed, in the form.
    await expect.poll(() => page.getByTestId("plan-forbidden-4").textContent()).toContain("人员工资");
    expect(await page.getByTestId("plan-forbidden-4").textContent()).toContain("规则 F4");
    const live = page.getByTestId("plan-live-check");
    expect(await live.textContent()).toContain("校验未通过");
    expect(await live.textContent()).toContain("第5条：中央财政资金不得用于人员工资");
    // The shares moved within the ±2 pp band (F3): no share problem, only the F4 line.
    expect(await live.locator("li").count()).toBe(1);
    expect(await page.getByText("村级服务站点: 11.00%").count()).toBe(1);
    expect(await page.getByText("县乡村三级仓储物流: 29.00%").count()).toBe(1);

    // Saved as a draft, it stays flagged and cannot go on notice.
    await page.getByTestId("plan-save").click();
    await expect.poll(() => page.getByTestId("plan-version").textContent()).toBe("第2版");
    expect(await page.getByTestId("plan-status").textContent()).toBe("草稿");
    await expect.poll(() => page.getByTestId("plan-line-forbidden-5").textContent()).toContain("人员工资");
    expect(await page.getByTestId("plan-check").textContent()).toContain("校验未通过：不能公示或报送");
    expect(await page.getByTestId("notice-publish").isDisabled()).toBe(true);
    expect(await page.getByTestId("plan-file").isDisabled()).toBe(true);
    await page.screenshot({ path: join(RESULTS_DIR, "funds-plan-flagged-1366.png"), fullPage: true });

    // The officer fixes the line; the reason given for the change is kept.
    await page.getByTestId("plan-edit").click();
    expect(await page.getByTestId("plan-change-reason").inputValue()).toContain("增加贫困村服务站点");
    const flagged = await page.getByTestId("plan-description-4").inputValue();
    await page.getByTestId("plan-description-4").fill(flagged.replace(FORBIDDEN, ""));
    await expect.poll(() => live.textContent()).toContain("校验通过");
    expect(await page.getByTestId("plan-forbidden-4").count()).toBe(0);
    await page.getByTestId("plan-save").click();
    await expect.poll(() => page.getByTestId("plan-check").textContent()).toContain("校验通过");
    expect(await page.getByTestId("plan-line-forbidden-5").count()).toBe(0);
    expect(await page.getByTestId("plan-version").textContent()).toBe("第2版");

    // Public notice from Monday 2018-02-12: the Spring Festival (02-15 to 02-21) does not count,
    // the make-up Saturday 02-24 does, so the 10th working day is 03-01 (weekends alone: 02-23).
    await pickDate(page.getByTestId("notice-start"), "2018-02-12");
    await expect
      .poll(() => page.getByTestId("notice-preview").textContent())
      .toBe("公示截止 2018-03-01，最早报送 2018-03-02");
    expect(await page.getByTestId("notice-publish").isEnabled()).toBe(true);
    await page.getByTestId("notice-publish").click();
    await expect.poll(() => page.getByTestId("plan-status").textContent()).toBe("公示中");
    expect(await page.getByTestId("earliest-submission").textContent()).toBe("2018-03-02");
    expect(await page.getByTestId("plan-notice").textContent()).toContain("2018-03-01");

    // Filing: the form offers the earliest day; a day earlier is refused with the rule.
    expect(await dateInput(page.getByTestId("filing-date")).inputValue()).toBe("2018-03-02");
    await pickDate(page.getByTestId("filing-date"), "2018-03-01");
    await page.getByTestId("plan-file").click();
    await expect
      .poll(() => page.locator(".ant-message-error").textContent())
      .toContain("公示期未满：最早可于 2018-03-02 报送");
    expect(await page.getByTestId("plan-status").textContent()).toBe("公示中");
    await pickDate(page.getByTestId("filing-date"), "2018-03-02");
    await page.getByTestId("plan-file").click();
    await expect.poll(() => page.getByTestId("plan-status").textContent()).toBe("已报省");
    expect(await page.getByText("报送日期 2018-03-02").count()).toBe(1);
    await page.screenshot({ path: join(RESULTS_DIR, "funds-plan-filed-1366.png"), fullPage: true });

    // A tender for training, in the plan in effect, with a 21-day bidding window and 3 bidders.
    await page.getByTestId("county-sections").getByRole("tab", { name: "招标与拨付" }).click();
    const tenders = page.getByTestId("tender-table");
    await tenders.locator("tbody tr.ant-table-row").first().waitFor();
    await page.getByTestId("tender-new").click();
    await page.getByTestId("tender-no").fill(TENDER_NO);
    await page.getByTestId("tender-title").fill("（测试）涞水县农村电商直播技能培训项目");
    await page.getByTestId("tender-estimate").fill("500000");
    await pickOption(page, page.getByTestId("tender-lines"), "电子商务普及与增值培训");
    await pickDate(page.getByTestId("tender-documents-issued"), "2018-03-20");
    await pickDate(page.getByTestId("tender-bid-deadline"), "2018-04-10");
    await page.getByTestId("tender-responsible").fill("（测试）县商务局 王主任");
    const bidders = [
      ["（测试）涞水县云帆电子商务有限公司", "480000", "涞水县建设路1号", "0312-4500001"],
      ["（测试）保定市启航教育咨询有限公司", "492000", "保定市七一路8号", "0312-3000002"],
      ["（测试）涿州市鸿达信息技术有限公司", "497500", "涿州市范阳路5号", "0312-3600003"],
    ];
    for (const [i, [name, bid, address, phone]] of bidders.entries()) {
      await page.getByTestId(`bidder-name-${i}`).fill(name!);
      await page.getByTestId(`bidder-bid-${i}`).fill(bid!);
      await page.getByTestId(`bidder-address-${i}`).fill(address!);
      await page.getByTestId(`bidder-phone-${i}`).fill(phone!);
    }
    await page.getByTestId("tender-save").click();
    const tenderRow = tenders.locator("tbody tr.ant-table-row", { hasText: TENDER_NO });
    await tenderRow.waitFor();
    expect(await tenderRow.textContent()).toContain("2018-03-20 → 2018-04-10");
    // Not awarded years after the bid deadline: flagged until the award is recorded.
    const flags = page.getByTestId(`tender-flags-${TENDER_NO}`);
    expect(await flags.textContent()).toBe("定标迟缓");
    expect(await flags.locator('[data-flag="slow_award"]').count()).toBe(1);

    // The award to the lowest bidder; the amount comes from the bid.
    await page.getByTestId(`tender-award-${TENDER_NO}`).click();
    await pickOption(page, page.getByTestId("award-bidder"), bidders[0]![0]!);
    // The amount is filled a render after the bidder is picked: wait for what the officer sees.
    await expect.poll(() => page.getByTestId("award-amount").inputValue()).toBe("480,000.00");
    await pickDate(page.getByTestId("award-date"), "2018-04-20");
    await page.getByTestId("award-save").click();
    await expect.poll(() => tenderRow.textContent()).toContain("2018-04-20 · 480,000.00 元");
    // Awarded after 2017-12-31: the M2 deadline is shown as missed, in Chinese.
    expect(await tenderRow.textContent()).toContain("逾期");
    await expect.poll(() => flags.textContent()).toBe("无");

    // The contract from the tender: title, contractor, amount and plan line come with it.
    await page.getByTestId("contract-new").click();
    await page.getByTestId("contract-no").fill(CONTRACT_NO);
    await pickOption(page, page.getByTestId("contract-tender"), TENDER_NO);
    await expect.poll(() => page.getByTestId("contract-amount").inputValue()).toBe("480,000.00");
    await expect.poll(() => page.getByTestId("contract-contractor").inputValue()).toBe(bidders[0]![0]);
    // The plan line is filled from the tender a render after the amount: wait for it too.
    await expect
      .poll(() => page.getByTestId("contract-lines").textContent())
      .toContain("电子商务普及与增值培训");
    await pickDate(page.getByTestId("contract-signed-on"), "2018-04-28");
    await pickDate(page.getByTestId("contract-start-on"), "2018-05-07");
    await pickDate(page.getByTestId("contract-completion-due"), "2018-09-30");
    await page.getByTestId("deliverable-name-0").fill("（测试）直播技能培训20期、1000人次");
    await page.getByTestId("deliverable-amount-0").fill("480000");
    await pickDate(page.getByTestId("deliverable-due-0"), "2018-09-30");
    await page.getByTestId("contract-save").click();
    const contractRow = page
      .getByTestId("contract-table")
      .locator("tbody tr.ant-table-row", { hasText: CONTRACT_NO });
    await contractRow.waitFor();
    expect(await contractRow.textContent()).toContain("480,000.00");
    expect(await page.getByTestId(`contract-problems-${CONTRACT_NO}`).textContent()).toBe("无");

    // The first advance: 59% is flagged as it is typed, 60% passes (F7), and it is recorded.
    await page.getByTestId(`pay-${CONTRACT_NO}`).click();
    await pickDate(page.getByTestId("payment-date"), "2018-05-10");
    await page.getByTestId("payment-amount").fill("283200");
    await expect
      .poll(() => page.getByTestId("payment-live-check").textContent())
      .toBe(
        "开工后首期拨付（第1笔，2018-05-10）283,200.00 元，低于合同金额 480,000.00 元 的 60.00%（288,000.00 元）（规则 F7）",
      );
    await page.getByTestId("payment-amount").fill("288000");
    await expect.poll(() => page.getByTestId("payment-live-check").textContent()).toBe("符合拨付规则");
    await page.getByTestId("payment-invoice").fill("（测试）FP20180510");
    await page.getByTestId("payment-note").fill("首期预拨60%");
    await page.getByTestId("payment-save").click();
    await expect.poll(() => contractRow.textContent()).toContain("60.00%");
    expect(await page.getByTestId(`contract-problems-${CONTRACT_NO}`).textContent()).toBe("无");
    await page.screenshot({ path: join(RESULTS_DIR, "funds-procurement-1366.png"), fullPage: true });

    // Every step is in the audit log, as the officer.
    const actions = await server.db.db
      .selectFrom("audit_log")
      .select("action")
      .where("actor_name", "=", `c${CODE}`)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "fund_plan.version_created",
        "fund_plan.draft_updated",
        "fund_plan.notice_published",
        "fund_plan.change_submitted",
        "tender.created",
        "tender.awarded",
        "contract.created",
        "payment.recorded",
      ]),
    );
    await page.close();
  });

  it("shows the fund plan and the tenders on a 390 px phone without horizontal overflow", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    await signIn(page, `c${CODE}`);
    await page.getByTestId("county-title").waitFor();
    await page.goto(`${server.url}/counties/${CODE}/funds`);
    await page.getByTestId("plan-check").waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(RESULTS_DIR, "funds-plan-390.png"), fullPage: true });
    await page.goto(`${server.url}/counties/${CODE}/procurement`);
    await page.getByTestId("contract-table").locator("tbody tr.ant-table-row").first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(RESULTS_DIR, "funds-procurement-390.png"), fullPage: true });
    await page.close();
  });

  async function signIn(page: Page, username: string) {
    await page.goto(`${server.url}/login`);
    await page.getByTestId("login-username").fill(username);
    await page.getByTestId("login-password").fill(DEMO_PASSWORD);
    await page.getByTestId("login-submit").click();
  }
});

/** The text input of an antd DatePicker, whether the test id sits on it or on its wrapper. */
function dateInput(picker: Locator): Locator {
  return picker.locator("xpath=self::input | .//input").first();
}

/** Types a date into an antd DatePicker and confirms it, as an officer does with the keyboard. */
async function pickDate(picker: Locator, date: string) {
  const input = dateInput(picker);
  await input.click();
  await input.fill(date);
  await input.press("Enter");
  await expect.poll(() => input.inputValue()).toBe(date);
}

/** Opens an antd Select and clicks the option that contains `text`. */
async function pickOption(page: Page, select: Locator, text: string) {
  await select.click();
  await page
    .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")
    .filter({ hasText: text })
    .first()
    .click();
}
