/**
 * Routes of the operations domain: the KPI pages per county (and township), per station and for
 * the province, read from the rollups; the county's benchmark upward fees; the ingest tokens a
 * county administrator hands to devices and contractors.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { DEFAULT_OPERATIONS_SETTINGS, monthEnd } from "../../rules/operations";
import { CountyCodeParams, countyExists, readableCounties } from "../counties";
import { requireAdminister, requirePrincipal, requireRead } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { badRequest, forbidden, notFound } from "../platform/http/errors";
import { chinaDate } from "../platform/time/china-time";
import { sendXlsx, tableWorkbook } from "../platform/workbook/table-export";
import { countyOperationsReport } from "./county-operations-report";
import { createIngestToken } from "./create-ingest-token";
import { loadFeeBenchmarks } from "./fee-benchmarks.repository";
import { listIngestTokens } from "./ingest-tokens.repository";
import {
  CountyOperationsResponse,
  FeeBenchmarksRequest,
  FeeBenchmarksResponse,
  IngestTokenCreatedResponse,
  IngestTokenCreateRequest,
  IngestTokenListResponse,
  IngestTokenParams,
  IngestTokenResponse,
  OperationsQuery,
  ProvinceOperationsQuery,
  ProvinceOperationsResponse,
  StationOperationsResponse,
  StationParams,
} from "./operations.schema";
import { combineProvinceOperations, countyOperationsPart } from "./province-operations-report";
import { revokeIngestToken } from "./revoke-ingest-token";
import { saveFeeBenchmarks } from "./save-fee-benchmarks";
import type { StationDirectory } from "./station-directory";
import { stationOperations } from "./station-operations";

const actorOf = (request: FastifyRequest) => {
  const p = requirePrincipal(request);
  return { id: p.id, name: p.username };
};

/** The months a page covers: `to` defaults to this month; asOf is the earlier of today and its end. */
function period(query: { from?: string; to?: string }) {
  const today = chinaDate();
  const toMonth = query.to ?? today.slice(0, 7);
  if (query.from && query.from > toMonth) {
    throw badRequest("bad_period", { zh: "起始月份晚于截止月份", en: "from is after to" });
  }
  const end = monthEnd(toMonth);
  return { fromMonth: query.from, toMonth, asOf: [end, today].sort()[0]! };
}

/**
 * Whether a page's period ends today, the one the dashboards show and the cache keeps: past
 * periods are computed on request, so a caller walking through dates cannot fill the cache.
 */
const liveOnly = (months: { asOf: string }) => months.asOf === chinaDate();

export function operationsRoutes(directory: StationDirectory) {
  return async function routes(app: FastifyInstance, { db, readCache }: RouteContext): Promise<void> {
    const api = app.withTypeProvider<ZodTypeProvider>();
    const ensureCounty = async (code: string) => {
      if (!(await countyExists(db.db, code))) throw notFound({ zh: "该示范县", en: "Demonstration county" });
    };

    api.get(
      "/api/v1/counties/:code/operations",
      {
        schema: {
          tags: ["operations"],
          summary: "站点运营与物流指标（O1–O3）：全县、分乡镇、分站点、未达标站点、月度趋势",
          params: CountyCodeParams,
          querystring: OperationsQuery,
          response: { 200: CountyOperationsResponse },
        },
        config: { access: "region" },
      },
      async (request) => {
        const { code } = request.params;
        requireRead(request, code);
        await ensureCounty(code);
        const township = request.query.township;
        if (township && !township.startsWith(code)) {
          throw badRequest("township_not_in_county", {
            zh: `乡镇代码 ${township} 不是本县的乡镇`,
            en: `${township} is not a township of this county`,
          });
        }
        const months = period(request.query);
        const report = () =>
          countyOperationsReport({ db, countyCode: code, ...months, townshipCode: township, directory });
        // Only periods ending today are kept (see liveOnly).
        if (!liveOnly(months)) return report();
        return readCache.get(
          `operations:county:${code}:${township ?? ""}:${months.fromMonth ?? ""}:${months.toMonth}:${months.asOf}`,
          { counties: [code], feeds: true },
          report,
        );
      },
    );

    api.get(
      "/api/v1/counties/:code/operations/stations/:station",
      {
        schema: {
          tags: ["operations"],
          summary: "单个站点的逐月运营数据（月报与机器数据并列）",
          params: StationParams,
          querystring: OperationsQuery.omit({ township: true, from: true }),
          response: { 200: StationOperationsResponse },
        },
        config: { access: "region" },
      },
      async (request) => {
        const { code, station } = request.params;
        requireRead(request, code);
        await ensureCounty(code);
        const { toMonth, asOf } = period(request.query);
        return stationOperations({ db, countyCode: code, stationCode: station, toMonth, asOf });
      },
    );

    /** Every county the caller reads, its part computed on its own (new data recomputes one part). */
    const provinceRoll = async (request: FastifyRequest, query: { from?: string; to?: string }) => {
      const principal = requirePrincipal(request);
      const counties = await readableCounties(db.db, principal);
      if (counties.length === 0) throw forbidden();
      const months = period(query);
      const parts = [];
      for (const county of counties) {
        if (!liveOnly(months)) {
          parts.push(await countyOperationsPart(db, county, months));
          continue;
        }
        parts.push(
          await readCache.get(
            `operations:part:${county.code}:${months.fromMonth ?? ""}:${months.toMonth}:${months.asOf}`,
            { counties: [county.code], feeds: true },
            () => countyOperationsPart(db, county, months),
          ),
        );
      }
      return combineProvinceOperations(parts, months);
    };

    api.get(
      "/api/v1/operations/province",
      {
        schema: {
          tags: ["operations"],
          summary: "全省示范县站点运营与物流汇总（调用者可见的县）",
          querystring: ProvinceOperationsQuery,
          response: { 200: ProvinceOperationsResponse },
        },
        config: { access: "region" },
      },
      async (request) => provinceRoll(request, request.query),
    );

    api.get(
      "/api/v1/operations/province.xlsx",
      {
        schema: {
          tags: ["operations"],
          summary: "全省示范县站点运营与物流汇总（Excel）",
          querystring: ProvinceOperationsQuery,
        },
        config: { access: "region" },
      },
      async (request, reply) => {
        const roll = await provinceRoll(request, request.query);
        type Row = (typeof roll.counties)[number];
        const met = (ok: boolean) => (ok ? "达标" : "未达标");
        const months = roll.fromMonth ? `${roll.fromMonth} 至 ${roll.toMonth}` : `截至 ${roll.toMonth}`;
        const content = await tableWorkbook([
          {
            name: "站点运营与物流",
            title: `全省示范县站点运营与物流汇总（${months}，数据截至 ${roll.asOf}）`,
            rows: roll.counties,
            columns: [
              { header: "示范县", value: (r: Row) => r.name, width: 12 },
              { header: "县级代码", value: (r: Row) => r.countyCode, width: 10 },
              { header: "运营站点(个)", value: (r: Row) => r.stations, format: "count" },
              { header: "上线率", value: (r: Row) => r.onlineRateBp, format: "bp" },
              { header: "上线率是否达标", value: (r: Row) => met(r.meetsOnlineRate) },
              { header: "站均月代购单数", value: (r: Row) => r.avgOrdersPerStationMonth, format: "count" },
              { header: "代购单数是否达标", value: (r: Row) => met(r.meetsOrders) },
              {
                header: "站均月交易额(元)",
                value: (r: Row) => r.avgAmountFenPerStationMonth,
                format: "fen",
                width: 16,
              },
              { header: "交易额是否达标", value: (r: Row) => met(r.meetsAmount) },
              { header: "下行运单(件)", value: (r: Row) => r.downShipments, format: "count" },
              {
                header: "7日内送达率",
                value: (r: Row) => (r.downShipments ? r.withinDaysBp : null),
                format: "bp",
              },
              {
                header: "送达是否达标",
                value: (r: Row) => (r.downShipments ? met(r.meetsDelivery) : "无运单"),
              },
              { header: "接入快递企业(家)", value: (r: Row) => r.carriers.length, format: "count" },
              { header: "快递企业", value: (r: Row) => r.carriers.join("、"), width: 30 },
              {
                header: "上行运费高于基准的重量段",
                value: (r: Row) => r.upwardFeesAbove.join("、"),
                width: 24,
              },
              {
                header: "上线率未达标站点(个)",
                value: (r: Row) => r.failingStations.onlineRate,
                format: "count",
              },
              {
                header: "单数或交易额未达标站点(个)",
                value: (r: Row) => r.failingStations.ordersAndAmount,
                format: "count",
              },
              {
                header: "送达未达标站点(个)",
                value: (r: Row) => r.failingStations.delivery,
                format: "count",
              },
            ],
          },
        ]);
        return sendXlsx(
          reply,
          `全省示范县站点运营与物流汇总（截至${roll.asOf}）.xlsx`,
          `operations-${roll.asOf}.xlsx`,
          content,
        );
      },
    );

    // --- benchmark upward fees (O3) ------------------------------------------------------------

    const feeView = async (code: string) => {
      const stored = new Map((await loadFeeBenchmarks(db.db, code)).map((b) => [b.weightClass, b]));
      return {
        weightClasses: DEFAULT_OPERATIONS_SETTINGS.weightClasses.map((c) => ({
          key: c.key,
          maxGrams: c.maxGrams,
          name: c.name,
          feeFen: stored.get(c.key)?.feeFen ?? null,
          note: stored.get(c.key)?.note ?? "",
        })),
      };
    };

    api.get(
      "/api/v1/counties/:code/operations/fee-benchmarks",
      {
        schema: {
          tags: ["operations"],
          summary: "上行快递基准价（分重量段，O3）",
          params: CountyCodeParams,
          response: { 200: FeeBenchmarksResponse },
        },
        config: { access: "region" },
      },
      async (request) => {
        requireRead(request, request.params.code);
        await ensureCounty(request.params.code);
        return feeView(request.params.code);
      },
    );

    api.put(
      "/api/v1/counties/:code/operations/fee-benchmarks",
      {
        schema: {
          tags: ["operations"],
          summary: "设置上行快递基准价（主流平台同区域价格，O3）",
          params: CountyCodeParams,
          body: FeeBenchmarksRequest,
          response: { 200: FeeBenchmarksResponse },
        },
        config: { access: "county_admin" },
      },
      async (request) => {
        const { code } = request.params;
        requireAdminister(request, code);
        await ensureCounty(code);
        await saveFeeBenchmarks({
          db,
          actor: actorOf(request),
          countyCode: code,
          benchmarks: request.body.benchmarks,
        });
        return feeView(code);
      },
    );

    // --- ingest tokens -------------------------------------------------------------------------

    api.get(
      "/api/v1/counties/:code/ingest-tokens",
      {
        schema: {
          tags: ["operations"],
          summary: "数据接口令牌（设备、承办企业系统）",
          params: CountyCodeParams,
          response: { 200: IngestTokenListResponse },
        },
        config: { access: "county_admin" },
      },
      async (request) => {
        requireAdminister(request, request.params.code);
        return { items: await listIngestTokens(db.db, request.params.code) };
      },
    );

    api.post(
      "/api/v1/counties/:code/ingest-tokens",
      {
        schema: {
          tags: ["operations"],
          summary: "新建数据接口令牌（令牌仅显示一次，库中只存其哈希）",
          params: CountyCodeParams,
          body: IngestTokenCreateRequest,
          response: { 201: IngestTokenCreatedResponse },
        },
        config: { access: "county_admin" },
      },
      async (request, reply) => {
        const { code } = request.params;
        requireAdminister(request, code);
        await ensureCounty(code);
        const { record, token } = await createIngestToken({
          db,
          actor: actorOf(request),
          countyCode: code,
          ...request.body,
        });
        return reply.status(201).send({ ...record, token });
      },
    );

    api.delete(
      "/api/v1/counties/:code/ingest-tokens/:id",
      {
        schema: {
          tags: ["operations"],
          summary: "吊销数据接口令牌",
          params: IngestTokenParams,
          response: { 200: IngestTokenResponse },
        },
        config: { access: "county_admin" },
      },
      async (request) => {
        requireAdminister(request, request.params.code);
        return revokeIngestToken({
          db,
          actor: actorOf(request),
          countyCode: request.params.code,
          id: request.params.id,
        });
      },
    );
  };
}
