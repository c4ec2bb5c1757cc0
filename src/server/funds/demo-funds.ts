/**
 * Demo funds for every demonstration county: a plan noticed, filed and approved in autumn 2017,
 * tenders with bidders, contracts with deliverables, payments with invoices. Synthetic but
 * deterministic (seeded by the county code), marked is_demo and “（演示）” in names, and written
 * through the same use cases as real data, so the workflow rules hold and every step is audited.
 *
 * The spread the issue asks for: most plans on target or within ±2 pp; 威县 (130533) has a
 * forbidden line caught in version 1 and fixed in version 2; another county is 3 pp off in
 * version 1 and corrected in version 2; a few counties are slow enough to be at E4 risk; a few
 * tenders carry red flags; one contractor charged a station (F8).
 */
import { addCalendarDays, nextWorkingDay, noticePeriod } from "../../rules/calendar";
import type { SupportMethod } from "../../rules/fund-plan";
import { FUND_CATEGORIES, type FundCategoryKey } from "../../rules/funds";
import { loadWorkCalendar } from "../calendar";
import type { Actor } from "../platform/audit/audit";
import type { Db } from "../platform/db/database";
import { isExemplaryDemoCounty } from "../platform/demo/demo-outcomes";
import { demoFraction, demoInt } from "../platform/demo/demo-random";
import type { DemoContext } from "../platform/domain";
import { awardTender } from "./award-tender";
import { createContract } from "./create-contract";
import { createFundPlanVersion, type PlanLineInput } from "./create-fund-plan-version";
import { decideFundPlan } from "./decide-fund-plan";
import { fileFundPlan } from "./file-fund-plan";
import { findPlan, listPlanVersions } from "./fund-plans.repository";
import type { FundPlanLineTable } from "./funds.tables";
import { logPlanObjection } from "./log-plan-objection";
import { publishFundPlanNotice } from "./publish-fund-plan-notice";
import { recordPayment } from "./record-payment";
import { recordStationCharge } from "./record-station-charge";
import { resolvePlanObjection } from "./resolve-plan-objection";
import { saveTender } from "./save-tender";
import { updateContract } from "./update-contract";

const DEMO: Actor = { id: null, name: "demo" };
const SHOWCASE_FORBIDDEN = "130533"; // 威县: the demo county admin c130533 sees the F4 catch
const SHOWCASE_OFF_TARGET = "130131"; // 平山县: 3 pp off in version 1

const CONTENT: Record<FundCategoryKey, [string, SupportMethod]> = {
  upward_services: ["（演示）农产品标准化、品牌培育与质量追溯体系建设", "award_in_lieu"],
  upward_infrastructure: ["（演示）农产品分级包装、预冷及初加工设施", "interest_subsidy"],
  logistics: ["（演示）县乡村三级仓储物流配送体系建设", "ppp"],
  service_center: ["（演示）县级电子商务公共服务中心改造", "direct_subsidy"],
  village_stations: ["（演示）村级电子商务服务站点建设（贫困村优先）", "award_in_lieu"],
  training: ["（演示）电子商务普及与增值培训", "direct_subsidy"],
};

/** Plan lines at the F2 targets, moved by `shiftBp` (bp of the subsidy) between pairs of categories. */
function demoLines(subsidyFen: number, shift: Partial<Record<FundCategoryKey, number>>): PlanLineInput[] {
  const lines = FUND_CATEGORIES.map((c) => {
    const bp = c.targetBp + (shift[c.key] ?? 0);
    const [description, supportMethod] = CONTENT[c.key];
    return { category: c.key, amountFen: Math.floor((subsidyFen * bp) / 10000), description, supportMethod };
  });
  // The whole subsidy is allocated (F3): rounding fen go to the last line.
  lines.at(-1)!.amountFen += subsidyFen - lines.reduce((sum, l) => sum + l.amountFen, 0);
  return lines;
}

type Lot = { no: string; title: string; categories: FundCategoryKey[] };
const LOTS: Lot[] = [
  {
    no: "01",
    title: "农产品上行综合服务与基础设施",
    categories: ["upward_services", "upward_infrastructure"],
  },
  { no: "02", title: "县乡村三级仓储物流配送体系", categories: ["logistics"] },
  { no: "03", title: "县级公共服务中心与村级站点", categories: ["service_center", "village_stations"] },
  { no: "04", title: "电子商务培训服务", categories: ["training"] },
];
const COMPANY = ["电子商务", "物流", "信息技术", "农业科技", "供应链管理", "教育咨询"];

export async function loadFundsDemo(db: Db, { counties }: DemoContext): Promise<void> {
  const calendar = await loadWorkCalendar(db.db);
  for (const [index, county] of counties.entries()) {
    const code = county.code;
    const seed = (s: string) => `${code}:funds:${s}`;
    if ((await listPlanVersions(db.db, code)).length > 0) continue; // real or earlier demo data wins
    const subsidy = await db.db
      .selectFrom("demonstration_counties")
      .select("subsidy_fen")
      .where("county_code", "=", code)
      .executeTakeFirstOrThrow();
    const subsidyFen = Number(subsidy.subsidy_fen);

    // 1. The plan. Exactly on target for every third county, else within ±1.5 pp.
    const onTarget = index % 3 === 0;
    const moveUp = onTarget ? 0 : demoInt(seed("shift-up"), -3, 3) * 50;
    const moveService = onTarget ? 0 : demoInt(seed("shift-service"), -2, 2) * 50;
    const good = demoLines(subsidyFen, {
      upward_services: moveUp,
      logistics: -moveUp,
      service_center: moveService,
      village_stations: -moveService,
    });
    const preparedOn = addCalendarDays("2017-09-18", demoInt(seed("prepared"), 0, 10));
    if (code === SHOWCASE_FORBIDDEN) {
      const caught = good.map((l) =>
        l.category === "service_center" ? { ...l, description: `${l.description}及运营人员工资、水电费` } : l,
      );
      await createFundPlanVersion({
        db: db.db,
        actor: DEMO,
        countyCode: code,
        lines: caught,
        source: "demo",
        preparedOn,
        isDemo: true,
      });
    } else if (code === SHOWCASE_OFF_TARGET) {
      const off = demoLines(subsidyFen, { upward_services: 300, logistics: -300 });
      await createFundPlanVersion({
        db: db.db,
        actor: DEMO,
        countyCode: code,
        lines: off,
        source: "demo",
        preparedOn,
        isDemo: true,
      });
    }
    const plan = await createFundPlanVersion({
      db: db.db,
      actor: DEMO,
      countyCode: code,
      lines: good,
      source: "demo",
      preparedOn: addCalendarDays(preparedOn, 3),
      isDemo: true,
    });

    // 2. Notice, objections, filing (two late counties miss M1), approval.
    const late = index % 8 === 5;
    const start = nextWorkingDay(
      calendar,
      addCalendarDays(late ? "2017-11-13" : "2017-09-25", demoInt(seed("notice"), 0, late ? 5 : 30)),
    );
    const period = noticePeriod(calendar, start);
    await publishFundPlanNotice({ db: db.db, actor: DEMO, countyCode: code, planId: plan.id, start });
    if (demoFraction(seed("objection")) < 0.35) {
      const received = addCalendarDays(start, 3);
      const { id } = await logPlanObjection({
        db: db.db,
        actor: DEMO,
        countyCode: code,
        planId: plan.id,
        receivedOn: received,
        objector: "（演示）某村村民",
        content: "建议增加本村服务站点",
        isDemo: true,
      });
      await resolvePlanObjection({
        db: db.db,
        actor: DEMO,
        countyCode: code,
        planId: plan.id,
        objectionId: id,
        resolution: "（演示）已答复：站点按建档立卡贫困村优先分批建设",
        resolvedOn: addCalendarDays(received, 2),
      });
    }
    const filedOn = addCalendarDays(period.earliestSubmission, demoInt(seed("filed"), 0, 4));
    await fileFundPlan({ db: db.db, actor: DEMO, countyCode: code, planId: plan.id, filedOn });
    await decideFundPlan({
      db: db.db,
      actor: DEMO,
      countyCode: code,
      planId: plan.id,
      decision: "approve",
      decidedOn: addCalendarDays(filedOn, demoInt(seed("approved"), 3, 12)),
      note: "（演示）同意备案",
    });
    const lines = (await findPlan(db.db, code, plan.id))!.lines;
    const showcase = code === SHOWCASE_FORBIDDEN || code === SHOWCASE_OFF_TARGET;
    if (index % 6 === 1 && !showcase) await demoApprovedChange(db, code, lines, seed);

    // 3. Procurement and payments. `pace` sets how far a county got by the acceptance review.
    const pace =
      index % 5 === 2 && !isExemplaryDemoCounty(code)
        ? 0.15 + 0.2 * demoFraction(seed("pace"))
        : 0.55 + 0.45 * demoFraction(seed("pace"));
    const demoOrg = await db.db
      .selectFrom("organizations")
      .select(["id", "name"])
      .where("kind", "=", "contractor")
      .where("region_code", "=", code)
      .where("is_demo", "=", 1)
      .orderBy("created_at")
      .executeTakeFirst();
    for (const [lotIndex, lot] of LOTS.entries()) {
      const s = (x: string) => seed(`${lot.no}:${x}`);
      const covered = lines.filter((l) => lot.categories.includes(l.category as FundCategoryKey));
      const estimate = covered.reduce((sum, l) => sum + l.amount_fen, 0);
      const issued = addCalendarDays(filedOn, demoInt(s("issued"), 2, 12));
      const shortWindow = index % 7 === 3 && lotIndex === 1;
      const deadline = addCalendarDays(issued, shortWindow ? 15 : demoInt(s("window"), 20, 28));
      const slow = index % 6 === 4 && lotIndex === 0;
      const awardedOn = addCalendarDays(deadline, slow ? 70 : demoInt(s("award"), 5, 20));
      const single = index % 9 === 7 && lotIndex === 3;
      const bidderCount = single ? 1 : demoInt(s("bidders"), 3, 5);
      const sharedPhone = index % 10 === 8 && lotIndex === 2;
      const bidders = Array.from({ length: bidderCount }, (_, b) => {
        const ratio = 0.9 + 0.095 * demoFraction(s(`bid-${b}`));
        return {
          name: `（演示）${county.name.replace(/(县|市|区)$/, "")}${["恒通", "兴农", "汇丰", "聚源", "惠民"][b]}${COMPANY[(lotIndex + b) % COMPANY.length]}有限公司`,
          creditCode: null,
          address: `（演示）${county.name}${["建设路", "人民路", "迎宾大街", "振兴路", "富民街"][b]}${demoInt(s(`no-${b}`), 1, 99)}号`,
          phone:
            sharedPhone && b < 2
              ? "0310-0000000"
              : `0310-${String(demoInt(s(`tel-${b}`), 1000000, 9999999))}`,
          contact: null,
          bidFen: Math.round((estimate * ratio) / 100) * 100,
        };
      });
      // The county's demo contractor organization (威县's, of account contractor1) wins the first
      // lot: its contract is linked to it, so the contractor's landing lists it (issue 18.3).
      const winnerIndex = bidders.reduce((best, b, i) => (b.bidFen < bidders[best]!.bidFen ? i : best), 0);
      const winner = bidders[winnerIndex]!;
      const winnerOrg = lotIndex === 0 ? demoOrg : undefined;
      if (winnerOrg) winner.name = winnerOrg.name;
      const tender = await saveTender({
        db: db.db,
        actor: DEMO,
        countyCode: code,
        isDemo: true,
        tender: {
          tenderNo: `${code}-2017-${lot.no}`,
          title: `（演示）${county.name}${lot.title}项目`,
          method: "open",
          estimateFen: estimate,
          lineKeys: covered.map((l) => l.line_key),
          announcedOn: issued,
          documentsIssuedOn: issued,
          bidDeadline: deadline,
          responsiblePerson: "（演示）县商务局项目负责人",
          bidders,
        },
      });
      await awardTender({
        db: db.db,
        actor: DEMO,
        countyCode: code,
        tenderId: tender.id,
        bidderId: tender.bidderIds[winnerIndex]!,
        awardedOn,
        amountFen: winner.bidFen,
      });

      const signedOn = addCalendarDays(awardedOn, demoInt(s("signed"), 3, 12));
      const startOn = addCalendarDays(signedOn, demoInt(s("start"), 5, 20));
      const parts = demoInt(s("parts"), 2, 4);
      const partFen = Math.floor(winner.bidFen / parts);
      const deliverables = Array.from({ length: parts }, (_, p) => {
        const amountFen = p === parts - 1 ? winner.bidFen - partFen * (parts - 1) : partFen;
        const done = demoFraction(s(`done-${p}`)) < pace;
        return {
          name: `（演示）${lot.title}第${p + 1}部分`,
          amountFen,
          dueOn: addCalendarDays("2018-03-31", p * 60),
          doneOn: done ? addCalendarDays(startOn, 60 + p * demoInt(s(`when-${p}`), 20, 50)) : null,
        };
      });
      const contract = await createContract({
        db: db.db,
        actor: DEMO,
        countyCode: code,
        isDemo: true,
        contract: {
          contractNo: `${code}-HT-${lot.no}`,
          title: `（演示）${county.name}${lot.title}项目合同`,
          tenderId: tender.id,
          contractorName: winner.name,
          contractorOrgId: winnerOrg?.id ?? null,
          contractorResponsible: "（演示）承办企业项目经理",
          amountFen: winner.bidFen,
          lineKeys: covered.map((l) => l.line_key),
          signedOn,
          startOn,
          completionDue: "2018-09-30",
          deliverables: deliverables.map((d) => ({
            ...d,
            doneOn: d.doneOn && d.doneOn <= "2018-10-31" ? d.doneOn : null,
          })),
        },
      });

      // Slow counties pay the first advance on half the contracts only.
      if (pace < 0.4 && lotIndex % 2 === 1) continue;
      const lowAdvance = index % 11 === 9 && lotIndex === 0 && !isExemplaryDemoCounty(code);
      const firstBp = lowAdvance ? 5500 : demoInt(s("first"), 60, 70) * 100;
      const payments = [
        {
          paidOn: addCalendarDays(startOn, demoInt(s("paid1"), 3, 15)),
          bp: firstBp,
          note: "（演示）首期预拨",
        },
      ];
      if (pace >= 0.4) {
        payments.push({
          paidOn: addCalendarDays("2018-06-01", demoInt(s("paid2"), 0, 90)),
          bp: 9000 - firstBp,
          note: "（演示）进度款",
        });
      }
      const missingInvoice = index % 13 === 6 && lotIndex === 2;
      for (const [n, p] of payments.entries()) {
        const amountFen = Math.floor((winner.bidFen * p.bp) / 10000);
        await recordPayment({
          db: db.db,
          actor: DEMO,
          countyCode: code,
          contractId: contract.id,
          paidOn: p.paidOn,
          amountFen,
          note: p.note,
          isDemo: true,
          invoices:
            missingInvoice && n === 1
              ? []
              : [
                  {
                    invoiceNo: `（演示）${code}${lot.no}${n + 1}`,
                    amountFen,
                    issuedOn: addCalendarDays(p.paidOn, -1),
                  },
                ],
        });
      }
      if (pace > 0.9 && lotIndex === 3) {
        await updateContract({
          db: db.db,
          actor: DEMO,
          countyCode: code,
          contractId: contract.id,
          changes: { acceptedOn: "2018-10-15" },
        });
      }
      if (index % 12 === 10 && lotIndex === 2) {
        await recordStationCharge({
          db: db.db,
          actor: DEMO,
          countyCode: code,
          contractId: contract.id,
          isDemo: true,
          charge: {
            stationNo: `${code}-ZD-001`,
            kind: "deposit",
            amountFen: 200_000,
            chargedOn: addCalendarDays(startOn, 30),
            note: "（演示）站点反映承办企业收取设备押金",
          },
        });
      }
    }
  }
}

/** A change after filing done right: more stations in the same amount, submitted and approved (E3 clear). */
async function demoApprovedChange(
  db: Db,
  countyCode: string,
  lines: readonly FundPlanLineTable[],
  seed: (s: string) => string,
) {
  const preparedOn = addCalendarDays("2018-03-05", demoInt(seed("change"), 0, 10));
  const change = await createFundPlanVersion({
    db: db.db,
    actor: DEMO,
    countyCode,
    source: "demo",
    preparedOn,
    isDemo: true,
    changeReason: "（演示）按贫困村优先原则增加村级站点数量，金额不变",
    lines: lines.map((l) => ({
      category: l.category as FundCategoryKey,
      amountFen: l.amount_fen,
      description: l.category === "village_stations" ? `${l.description}，增加10个贫困村站点` : l.description,
      supportMethod: l.support_method as SupportMethod | null,
      lineKey: l.line_key,
    })),
  });
  await fileFundPlan({
    db: db.db,
    actor: DEMO,
    countyCode,
    planId: change.id,
    filedOn: addCalendarDays(preparedOn, 1),
  });
  await decideFundPlan({
    db: db.db,
    actor: DEMO,
    countyCode,
    planId: change.id,
    decision: "approve",
    decidedOn: addCalendarDays(preparedOn, 8),
    note: "（演示）同意调整",
  });
}
