/**
 * Performance evaluation routes: a county's points and grade (F10 self-assessment) and the
 * province's side-by-side view of every county's scorecard summary and grade (M4, M5).
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { GRADE_NAMES } from "../../rules/acceptance/performance";
import { standardTitle } from "../../rules/acceptance/standard";
import { countyExists } from "../counties";
import { requireRead, requireRole } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { notFound } from "../platform/http/errors";
import { chinaDate } from "../platform/time/china-time";
import { sendXlsx, tableWorkbook } from "../platform/workbook/table-export";
import { currentStandard } from "./acceptance.repository";
import { AsOfQuery, CountyParams } from "./acceptance.schema";
import { ITEM_STATUS_ZH, VERDICT_ZH, VETO_STATUS_ZH } from "./acceptance-report";
import { getPerformance } from "./get-performance";
import { getProvinceAcceptance } from "./get-province-acceptance";

export async function performanceRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { db, countyFacts } = context;

  api.get(
    "/api/v1/counties/:code/performance",
    {
      schema: {
        tags: ["acceptance"],
        summary: "绩效评价：各指标得分、依据与等级（F10、M5）",
        params: CountyParams,
        querystring: AsOfQuery,
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      if (!(await countyExists(db.db, request.params.code))) {
        throw notFound({ zh: "该示范县", en: "Demonstration county" });
      }
      return getPerformance({
        db,
        countyFacts,
        countyCode: request.params.code,
        asOf: request.query.asOf ?? chinaDate(),
      });
    },
  );

  api.get(
    "/api/v1/acceptance/province",
    {
      schema: {
        tags: ["acceptance"],
        summary: "各示范县验收与绩效汇总（省、市级）",
        querystring: AsOfQuery,
      },
      config: { access: "authenticated" },
    },
    async (request) => {
      const viewer = requireRole(request, ["province_admin", "province_viewer", "city_viewer", "city_admin"]);
      return getProvinceAcceptance({ db, countyFacts, viewer, asOf: request.query.asOf ?? chinaDate() });
    },
  );

  api.get(
    "/api/v1/acceptance/province.xlsx",
    {
      schema: { tags: ["acceptance"], summary: "各示范县验收与绩效汇总（Excel）", querystring: AsOfQuery },
      config: { access: "authenticated" },
    },
    async (request, reply) => {
      const viewer = requireRole(request, ["province_admin", "province_viewer", "city_viewer", "city_admin"]);
      const asOf = request.query.asOf ?? chinaDate();
      const roll = await getProvinceAcceptance({ db, countyFacts, viewer, asOf });
      const standard = await currentStandard(db.db);
      const titles = new Map([...standard.items, ...standard.veto].map((i) => [i.id, i.title.zh]));
      const named = (ids: string[]) => ids.map((id) => `${id} ${titles.get(id) ?? ""}`.trim()).join("；");
      type Row = (typeof roll.counties)[number];
      type Override = Row["overrides"][number] & { county: string };
      const content = await tableWorkbook([
        {
          name: "验收与绩效",
          title: `各示范县验收与绩效评价汇总（截至 ${asOf}，${standardTitle(roll.standard, roll.standardVersion)}）`,
          rows: roll.counties,
          columns: [
            { header: "示范县", value: (r: Row) => r.name, width: 12 },
            { header: "所属市", value: (r: Row) => r.cityName, width: 10 },
            { header: "验收结论", value: (r: Row) => VERDICT_ZH[r.verdict] ?? r.verdict, width: 12 },
            { header: "绩效得分", value: (r: Row) => r.points, width: 10 },
            { header: "绩效等级", value: (r: Row) => GRADE_NAMES[r.grade].zh, width: 10 },
            {
              header: "等级说明",
              value: (r: Row) =>
                [
                  r.grade !== r.gradeByPoints
                    ? `按分数为${GRADE_NAMES[r.gradeByPoints].zh}，因一票否决评为${GRADE_NAMES[r.grade].zh}`
                    : "",
                  r.isProvisional ? "尚有待评估项，结果为暂定" : "",
                ]
                  .filter(Boolean)
                  .join("；"),
              width: 36,
            },
            { header: "通过(项)", value: (r: Row) => r.counts.pass, format: "count" },
            { header: "未通过(项)", value: (r: Row) => r.counts.fail, format: "count" },
            { header: "待评估(项)", value: (r: Row) => r.counts.pending, format: "count" },
            { header: "未通过的指标", value: (r: Row) => named(r.failed), width: 36 },
            { header: "触发的一票否决项", value: (r: Row) => named(r.veto.triggered), width: 30 },
            { header: "待确认的一票否决项", value: (r: Row) => named(r.veto.pending), width: 30 },
            {
              header: "评估机构签署",
              value: (r: Row) =>
                r.signoff
                  ? `${r.signoff.signedAt.slice(0, 10)}（${VERDICT_ZH[r.signoff.verdict] ?? r.signoff.verdict}）`
                  : "尚未签署",
              width: 24,
            },
          ],
        },
        {
          name: "改判清单",
          title: `评估机构改判清单（截至 ${asOf}）`,
          rows: roll.counties.flatMap((c) => c.overrides.map((o) => ({ ...o, county: c.name }))),
          columns: [
            { header: "示范县", value: (o: Override) => o.county, width: 12 },
            { header: "指标", value: (o: Override) => named([o.id]), width: 30 },
            { header: "数据判定", value: (o: Override) => ITEM_STATUS_ZH[o.dataStatus] ?? o.dataStatus },
            { header: "数据判定说明", value: (o: Override) => o.dataNote, width: 40 },
            {
              header: "评估机构判定",
              value: (o: Override) => ITEM_STATUS_ZH[o.status] ?? VETO_STATUS_ZH[o.status] ?? o.status,
            },
            { header: "改判理由", value: (o: Override) => o.reason, width: 40 },
          ],
        },
      ]);
      return sendXlsx(
        reply,
        `各示范县验收与绩效汇总（截至${asOf}）.xlsx`,
        `acceptance-${asOf}.xlsx`,
        content,
      );
    },
  );
}
