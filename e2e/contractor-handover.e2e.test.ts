// rule K2 in the browser: 威县's officer terminates a contract on its funds row (reason, decision,
// evidence, the stations handed over), links the replacement tender and contract, and checks the
// handover off item by item; the old contractor's account and ingest token stop working, the new
// token shown once works. Screenshots in test-results/.
import { writeFileSync } from "node:fs";
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

const CODE = "130533"; // 威县: contractor1 works for its demo contractor organization
const OLD_ORG = "（演示）威县电子商务运营有限公司";
const NEW_ORG = "（测试）接手运营有限公司";
const PDF = join(RESULTS_DIR, "handover-decision.pdf");
const WAIT = { timeout: 30_000 };

async function signIn(browser: Browser, server: E2eServer, username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: "zh-CN" });
  await page.goto(`${server.url}/login`);
  await page.getByTestId("login-username").fill(username);
  await page.getByTestId("login-password").fill(DEMO_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("current-user").waitFor();
  return page;
}

describe("a contractor replaced with a supervised handover (K2)", () => {
  let server: E2eServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    writeFileSync(PDF, "%PDF-1.4\n% 解除合同决定书\n");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("terminates, links the replacement and checks the handover off; the old contractor's access ends", async () => {
    const page = await signIn(browser, server, `c${CODE}`);
    const api = (path: string) => `${server.url}/api/v1${path}`;
    const post = async (path: string, data: object) => {
      const res = await page.request.post(api(path), { data, headers: { origin: server.url } });
      expect(res.status(), await res.text()).toBeLessThan(300);
      return res.json();
    };
    const orgs = (await (await page.request.get(api("/organizations?kind=contractor"))).json()) as {
      id: string;
      name: string;
    }[];
    const oldOrg = orgs.find((o) => o.name === OLD_ORG)!;
    // The old contractor's system sends orders with a token linked to its organization.
    const { token: oldToken } = await post(`/counties/${CODE}/ingest-tokens`, {
      name: "原承办企业订单系统",
      kinds: ["orders"],
      organizationId: oldOrg.id,
    });
    const ingest = async (token: string) =>
      (
        await page.request.post(api("/ingest/orders"), {
          data: [],
          headers: { authorization: `Bearer ${token}` },
        })
      ).status();
    expect(await ingest(oldToken)).toBe(200);
    const contracts = (await (await page.request.get(api(`/counties/${CODE}/funds/contracts`))).json()) as {
      id: string;
      contractNo: string;
      signedOn: string;
    }[];
    const contract = contracts
      .filter((c) => c.signedOn < "2018-04-10")
      .sort((a, b) => (a.contractNo < b.contractNo ? -1 : 1))[0]!;

    await page.goto(`${server.url}/counties/${CODE}/procurement`);
    await page.getByTestId(`terminate-${contract.contractNo}`).click({ timeout: 90_000 });
    await page.getByTestId("termination-date").fill("2018-04-10");
    await page.getByTestId("termination-reason").fill("承办企业连续三个月未开展运营，多数站点停业");
    await page.getByTestId("termination-decision").fill("威商字〔2018〕12号：解除合同，重新招标");
    await page.locator('.ant-modal input[type="file"]').setInputFiles(PDF);
    // The first line of the checklist is the stations: hand over the first two of the register.
    await page.getByTestId("termination-stations").click();
    const options = page.locator(
      ".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option",
    );
    await options.first().waitFor();
    const stationLabels = [
      (await options.nth(0).textContent()) ?? "",
      (await options.nth(1).textContent()) ?? "",
    ];
    await options.nth(0).click();
    await options.nth(1).click();
    await page.keyboard.press("Escape");
    const stationNos = stationLabels.map((l) => l.split(" ")[0]!);
    await chooseOption(page, page.getByTestId("termination-from-org"), OLD_ORG);
    await page
      .locator(".ant-modal")
      .screenshot({ path: join(RESULTS_DIR, "handover-1-termination-form.png") });
    await page.getByTestId("termination-save").click();
    await page.getByTestId(`terminated-${contract.contractNo}`).waitFor(WAIT);

    // The replacement: a new tender after the termination, awarded, and the new contract (F5).
    const { id: newOrgId } = await post("/organizations", {
      name: NEW_ORG,
      kind: "contractor",
      regionCode: CODE,
    });
    const tender = await post(`/counties/${CODE}/funds/tenders`, {
      tenderNo: "WX-2018-R9",
      title: "农村电商公共服务运营（重新招标）",
      method: "open",
      estimateFen: 20_000_000,
      announcedOn: "2018-04-15",
      documentsIssuedOn: "2018-04-15",
      bidDeadline: "2018-05-06",
      bidders: [{ name: NEW_ORG, bidFen: 19_500_000 }],
    });
    await post(`/counties/${CODE}/funds/tenders/${tender.id}/award`, {
      bidderId: tender.bidderIds[0],
      awardedOn: "2018-05-10",
      amountFen: 19_500_000,
    });
    await post(`/counties/${CODE}/funds/contracts`, {
      contractNo: "WX-HT-R9",
      title: "农村电商公共服务运营（替换）",
      tenderId: tender.id,
      contractorName: NEW_ORG,
      contractorOrgId: newOrgId,
      amountFen: 19_500_000,
      signedOn: "2018-05-15",
      startOn: "2018-05-16",
    });
    await page.reload();
    const row = page.getByTestId("contract-table").locator("tr", { hasText: contract.contractNo }).first();
    await row.locator(".ant-table-row-expand-icon").click({ timeout: 90_000 });
    const panel = page.getByTestId(`termination-${contract.id}`);
    await chooseOption(
      page,
      panel.getByTestId("replacement-tender"),
      "WX-2018-R9 农村电商公共服务运营（重新招标）",
    );
    await chooseOption(page, panel.getByTestId("replacement-contract"), `WX-HT-R9 ${NEW_ORG}`);
    await panel.getByTestId("replacement-save").click();
    await panel.getByTestId("termination-replacement").waitFor(WAIT);

    // Each item checked off; a moving item moves its records at once.
    let issued = "";
    for (const kind of ["station", "equipment", "data", "account", "ingest_token"]) {
      await panel.getByTestId(`handover-check-${kind}`).click();
      await page.getByTestId("handover-check-date").fill("2018-05-20");
      await page.getByTestId("handover-check-note").fill("逐项清点，新承办企业签收");
      await page.getByTestId("handover-check-save").click();
      if (kind === "ingest_token") {
        const shown = page.getByTestId("issued-token").first();
        await shown.waitFor(WAIT);
        issued = ((await shown.textContent()) ?? "").trim();
        await page.locator(".ant-modal-close").last().click();
      }
      await expect
        .poll(() => panel.getByTestId(`handover-state-${kind}`).getAttribute("data-state"), WAIT)
        .toBe("checked");
    }
    await expect
      .poll(() => panel.getByTestId("handover-effects-station").textContent(), WAIT)
      .toContain([...stationNos].sort().join("、"));
    await expect
      .poll(() => panel.getByTestId("handover-effects-account").textContent(), WAIT)
      .toContain("contractor1");
    await panel.screenshot({ path: join(RESULTS_DIR, "handover-2-checked.png") });

    // The old contractor's token is refused, the new contractor's works; contractor1 cannot sign in.
    expect(await ingest(oldToken)).toBe(401);
    expect(issued).toMatch(/^shf_/);
    expect(await ingest(issued)).toBe(200);
    const again = await page.request.post(api("/session"), {
      data: { username: "contractor1", password: DEMO_PASSWORD },
      headers: { origin: server.url },
    });
    expect(again.status()).toBe(401);
  });
});
