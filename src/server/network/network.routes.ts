/**
 * Routes of the service network domain: the village registry, stations and facilities with
 * their spec checks (S3–S5, F9), township express outlets (S7), and the coverage planner
 * (G1, S2, S8) per county, per township and for the province.
 */
import { createReadStream } from "node:fs";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isInServiceOn } from "../../rules/network";
import { CountyCodeParams, countyExists, readableCounties } from "../counties";
import { requireAdminister, requirePrincipal, requireRead } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { absolutePath } from "../platform/files/file-store";
import { badRequest, forbidden, notFound } from "../platform/http/errors";
import { chinaDate } from "../platform/time/china-time";
import { sendXlsx, tableWorkbook } from "../platform/workbook/table-export";
import { addNetworkPhoto, MAX_PHOTO_BYTES } from "./add-network-photo";
import { coverageReport } from "./coverage-report";
import { type FacilityRecord, facilitySpec, listFacilityRecords } from "./facilities.repository";
import {
  AsOfQuery,
  CoverageQuery,
  CoverageResponse,
  FacilityCreateRequest,
  FacilityListResponse,
  FacilityResponse,
  FacilityUpdateRequest,
  IdParams,
  PhotoOwner,
  PhotoResponse,
  ProvinceCoverageResponse,
  StationCreateRequest,
  StationIdParams,
  StationListQuery,
  StationListResponse,
  StationResponse,
  StationUpdateRequest,
  TownshipExpressParams,
  TownshipExpressRequest,
  TownshipExpressResponse,
  VillageListQuery,
  VillageListResponse,
  VillageMapResponse,
  WhatIfRequest,
} from "./network.schema";
import type { NetworkPhotoTable, NetworkTables } from "./network.tables";
import { loadNetworkSnapshot } from "./network-snapshot";
import { combineProvinceCoverage, countyNetworkSummary } from "./province-coverage";
import { saveFacility } from "./save-facility";
import { saveStation } from "./save-station";
import { setTownshipExpress } from "./set-township-express";
import { listStationRecords, type StationRecord, stationSpec } from "./stations.repository";
import { villageMap } from "./village-map";
import { listVillages } from "./villages.repository";

const photoView = (p: NetworkPhotoTable) => ({
  id: p.id,
  ownerKind: p.owner_kind,
  ownerId: p.owner_id,
  fileName: p.file_name,
  contentType: p.content_type,
  bytes: Number(p.bytes),
  caption: p.caption,
  uploadedBy: p.uploaded_by,
  uploadedAt: p.uploaded_at,
  url: `/api/v1/counties/${p.county_code}/photos/${p.id}`,
});

const noCounty = () => notFound({ zh: "该示范县", en: "Demonstration county" });

function stationView(s: StationRecord, today: string) {
  return {
    ...s,
    inService: isInServiceOn({ status: s.status, builtOn: s.builtOn, closedOn: s.closedOn }, today),
    spec: stationSpec(s),
  };
}

function facilityView(f: FacilityRecord, today: string) {
  return {
    ...f,
    inService: isInServiceOn({ status: f.status, builtOn: f.openedOn, closedOn: f.closedOn }, today),
    spec: facilitySpec(f),
  };
}

const actorOf = (request: FastifyRequest) => {
  const p = requirePrincipal(request);
  return { id: p.id, name: p.username };
};

export async function networkRoutes(app: FastifyInstance, { db, readCache }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const ensureCounty = async (code: string) => {
    if (!(await countyExists(db.db, code))) throw noCounty();
  };

  api.get(
    "/api/v1/counties/:code/villages",
    {
      schema: {
        tags: ["network"],
        summary: "县内村级单位（分页、检索）",
        params: CountyCodeParams,
        querystring: VillageListQuery,
        response: { 200: VillageListResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      await ensureCounty(request.params.code);
      return listVillages(db.db, { countyCode: request.params.code, ...request.query });
    },
  );

  // --- stations (站点) -------------------------------------------------------------------------

  api.get(
    "/api/v1/counties/:code/stations",
    {
      schema: {
        tags: ["network"],
        summary: "县内村级服务站及其规格核查（S5）",
        params: CountyCodeParams,
        querystring: StationListQuery,
        response: { 200: StationListResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      await ensureCounty(request.params.code);
      const today = chinaDate();
      let items = (
        await listStationRecords(db.db, {
          countyCode: request.params.code,
          townshipCode: request.query.township,
        })
      ).map((s) => stationView(s, today));
      if (request.query.failing === "true") items = items.filter((s) => !s.spec.ok);
      if (request.query.failing === "false") items = items.filter((s) => s.spec.ok);
      return { total: items.length, items };
    },
  );

  // A station manager's account is scoped to its village: it reads its own station here.
  api.get(
    "/api/v1/stations/:id",
    {
      schema: {
        tags: ["network"],
        summary: "单个站点（站点管理员仅可查看本站）",
        params: StationIdParams,
        response: { 200: StationResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      requirePrincipal(request);
      const [station] = await listStationRecords(db.db, { id: request.params.id });
      if (!station) throw notFound({ zh: "该站点", en: "Station" });
      requireRead(request, station.villageCode);
      return stationView(station, chinaDate());
    },
  );

  api.post(
    "/api/v1/counties/:code/stations",
    {
      schema: {
        tags: ["network"],
        summary: "新增站点（同一行政村中央资金支持至多1个，F9）",
        params: CountyCodeParams,
        body: StationCreateRequest,
        response: { 201: StationResponse },
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      requireAdminister(request, request.params.code);
      await ensureCounty(request.params.code);
      const id = await saveStation({
        db,
        actor: actorOf(request),
        countyCode: request.params.code,
        input: request.body,
      });
      const [station] = await listStationRecords(db.db, { id });
      return reply.status(201).send(stationView(station!, chinaDate()));
    },
  );

  api.patch(
    "/api/v1/counties/:code/stations/:id",
    {
      schema: {
        tags: ["network"],
        summary: "修改站点",
        params: IdParams,
        body: StationUpdateRequest,
        response: { 200: StationResponse },
      },
      config: { access: "county_admin" },
    },
    async (request) => {
      requireAdminister(request, request.params.code);
      const id = await saveStation({
        db,
        actor: actorOf(request),
        countyCode: request.params.code,
        id: request.params.id,
        input: request.body,
      });
      const [station] = await listStationRecords(db.db, { id });
      return stationView(station!, chinaDate());
    },
  );

  // --- facilities (设施) ------------------------------------------------------------------------

  api.get(
    "/api/v1/counties/:code/facilities",
    {
      schema: {
        tags: ["network"],
        summary: "县级服务中心、仓储物流中心、乡镇配送中心及其规格核查（S3、S4）",
        params: CountyCodeParams,
        response: { 200: FacilityListResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      await ensureCounty(request.params.code);
      const today = chinaDate();
      const items = (await listFacilityRecords(db.db, { countyCode: request.params.code })).map((f) =>
        facilityView(f, today),
      );
      return { total: items.length, items };
    },
  );

  api.post(
    "/api/v1/counties/:code/facilities",
    {
      schema: {
        tags: ["network"],
        summary: "新增设施（同一物流线路中央资金支持至多1家企业，F9）",
        params: CountyCodeParams,
        body: FacilityCreateRequest,
        response: { 201: FacilityResponse },
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      requireAdminister(request, request.params.code);
      await ensureCounty(request.params.code);
      const id = await saveFacility({
        db,
        actor: actorOf(request),
        countyCode: request.params.code,
        input: request.body,
      });
      const [facility] = await listFacilityRecords(db.db, { id });
      return reply.status(201).send(facilityView(facility!, chinaDate()));
    },
  );

  api.patch(
    "/api/v1/counties/:code/facilities/:id",
    {
      schema: {
        tags: ["network"],
        summary: "修改设施",
        params: IdParams,
        body: FacilityUpdateRequest,
        response: { 200: FacilityResponse },
      },
      config: { access: "county_admin" },
    },
    async (request) => {
      requireAdminister(request, request.params.code);
      const id = await saveFacility({
        db,
        actor: actorOf(request),
        countyCode: request.params.code,
        id: request.params.id,
        input: request.body,
      });
      const [facility] = await listFacilityRecords(db.db, { id });
      return facilityView(facility!, chinaDate());
    },
  );

  // --- photos --------------------------------------------------------------------------------

  api.post(
    "/api/v1/counties/:code/photos",
    {
      schema: {
        tags: ["network"],
        summary: "上传站点或设施照片（multipart：ownerKind=station|facility、ownerId、可选 caption、file）",
        params: CountyCodeParams,
        response: { 201: PhotoResponse },
      },
      config: { access: "county_admin" },
    },
    async (request, reply) => {
      requireAdminister(request, request.params.code);
      if (!request.isMultipart()) {
        throw badRequest("multipart_required", {
          zh: "请以表单上传照片",
          en: "Upload as multipart/form-data",
        });
      }
      const fields: Record<string, string> = {};
      let file: { name: string; content: Buffer } | undefined;
      for await (const part of request.parts({ limits: { fileSize: MAX_PHOTO_BYTES, files: 1 } })) {
        if (part.type === "field") {
          fields[part.fieldname] = String(part.value).slice(0, 500);
          continue;
        }
        // Only the size limit reads as "too large"; a cut-off body is the error handler's 400.
        const content = await part.toBuffer().catch((error: { code?: string }) => {
          if (error.code === "FST_REQ_FILE_TOO_LARGE") return undefined;
          throw error;
        });
        if (!content || part.file.truncated) {
          throw badRequest("file_too_large", { zh: "照片超过 10 MiB", en: "Photo exceeds 10 MiB" });
        }
        file = { name: part.filename, content };
      }
      const owner = PhotoOwner.safeParse(fields);
      if (!owner.success || !file) {
        throw badRequest("invalid_photo_upload", {
          zh: "须提供 ownerKind（station 或 facility）、ownerId 和照片文件",
          en: "ownerKind (station or facility), ownerId and a file are required",
        });
      }
      const photo = await addNetworkPhoto({
        db,
        actor: actorOf(request),
        countyCode: request.params.code,
        ...owner.data,
        fileName: file.name,
        content: file.content,
      });
      return reply.status(201).send(photoView(photo));
    },
  );

  api.get(
    "/api/v1/counties/:code/photos",
    {
      schema: {
        tags: ["network"],
        summary: "站点或设施的照片列表",
        params: CountyCodeParams,
        querystring: PhotoOwner.pick({ ownerKind: true, ownerId: true }),
        response: { 200: z.array(PhotoResponse) },
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      const rows = await db.db
        .withTables<NetworkTables>()
        .selectFrom("network_photos")
        .selectAll()
        .where("county_code", "=", request.params.code)
        .where("owner_kind", "=", request.query.ownerKind)
        .where("owner_id", "=", request.query.ownerId)
        .orderBy("uploaded_at")
        .execute();
      return rows.map(photoView);
    },
  );

  api.get(
    "/api/v1/counties/:code/photos/:id",
    {
      schema: { tags: ["network"], summary: "照片文件", params: IdParams },
      config: { access: "region" },
    },
    async (request, reply) => {
      requireRead(request, request.params.code);
      const photo = await db.db
        .withTables<NetworkTables>()
        .selectFrom("network_photos")
        .selectAll()
        .where("county_code", "=", request.params.code)
        .where("id", "=", request.params.id)
        .executeTakeFirst();
      if (!photo) throw notFound({ zh: "该照片", en: "Photo" });
      reply
        .header("content-type", photo.content_type)
        .header("cache-control", "private, max-age=86400")
        .header("x-content-type-options", "nosniff");
      return reply.send(createReadStream(absolutePath(photo.file_path)));
    },
  );

  // --- township express outlets (S7) -----------------------------------------------------------

  api.put(
    "/api/v1/counties/:code/townships/:township/express",
    {
      schema: {
        tags: ["network"],
        summary: "登记乡镇是否有快递网点（S7）",
        params: TownshipExpressParams,
        body: TownshipExpressRequest,
        response: { 200: TownshipExpressResponse },
      },
      config: { access: "county_admin" },
    },
    async (request) => {
      requireAdminister(request, request.params.code);
      await setTownshipExpress({
        db,
        actor: actorOf(request),
        countyCode: request.params.code,
        townshipCode: request.params.township,
        hasExpressOutlet: request.body.hasExpressOutlet,
      });
      return { townshipCode: request.params.township, hasExpressOutlet: request.body.hasExpressOutlet };
    },
  );

  // --- coverage planner ------------------------------------------------------------------------

  // Shared by the planner's reads; coverageReport never mutates the snapshot it is given.
  // Only today's network is kept: a caller walking through past dates must not fill the cache.
  const cachedSnapshot = (code: string, asOf: string) =>
    asOf === chinaDate()
      ? readCache.get(`network:snapshot:${code}:${asOf}`, { counties: [code] }, () =>
          loadNetworkSnapshot(db.db, code, asOf),
        )
      : loadNetworkSnapshot(db.db, code, asOf);

  const townshipOf = (countyCode: string, township: string | undefined) => {
    if (!township) return undefined;
    if (!township.startsWith(countyCode)) {
      throw badRequest("township_not_in_county", {
        zh: `乡镇代码 ${township} 不是本县的乡镇`,
        en: `${township} is not a township of this county`,
      });
    }
    return township;
  };

  api.get(
    "/api/v1/counties/:code/coverage",
    {
      schema: {
        tags: ["network"],
        summary: "站点覆盖规划：覆盖率（G1、S7、S8）、分乡镇、缺口清单（S2）",
        params: CountyCodeParams,
        querystring: CoverageQuery,
        response: { 200: CoverageResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      const { code } = request.params;
      requireRead(request, code);
      await ensureCounty(code);
      const townshipCode = townshipOf(code, request.query.township);
      const snapshot = await cachedSnapshot(code, request.query.asOf ?? chinaDate());
      if (townshipCode && !snapshot.townships.some((t) => t.code === townshipCode)) {
        throw notFound({ zh: "本县的该乡镇", en: "Township of this county" });
      }
      return coverageReport(snapshot, { townshipCode });
    },
  );

  api.post(
    "/api/v1/counties/:code/coverage/what-if",
    {
      schema: {
        tags: ["network"],
        summary: "假设在所选村新建站点后的覆盖率",
        params: CountyCodeParams,
        body: WhatIfRequest,
        response: { 200: CoverageResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      const { code } = request.params;
      requireRead(request, code);
      await ensureCounty(code);
      const townshipCode = townshipOf(code, request.body.township);
      const snapshot = await cachedSnapshot(code, request.body.asOf ?? chinaDate());
      const known = new Set(snapshot.villages.map((v) => v.code));
      const unknown = request.body.villageCodes.filter((c) => !known.has(c));
      if (unknown.length) {
        throw badRequest(
          "village_not_in_county",
          {
            zh: `以下村代码不是本县的行政村：${unknown.slice(0, 10).join("、")}${unknown.length > 10 ? " 等" : ""}`,
            en: `Not administrative villages of this county: ${unknown.slice(0, 10).join(", ")}`,
          },
          unknown.map((c) => ({ path: "villageCodes", message: c })),
        );
      }
      return coverageReport(snapshot, { townshipCode, addVillageCodes: request.body.villageCodes });
    },
  );

  api.get(
    "/api/v1/counties/:code/village-map",
    {
      schema: {
        tags: ["network"],
        summary: "县域村庄分布示意图数据：各行政村按乡镇分组，标注有站点/应建未建（S2）/非必建",
        params: CountyCodeParams,
        querystring: AsOfQuery,
        response: { 200: VillageMapResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      const { code } = request.params;
      requireRead(request, code);
      await ensureCounty(code);
      return villageMap(db.db, code, request.query.asOf ?? chinaDate());
    },
  );

  /** Every county the caller reads, its row of the roll-up (cached per county for today). */
  const provinceRoll = async (request: FastifyRequest, asOf: string) => {
    const principal = requirePrincipal(request);
    const counties = await readableCounties(db.db, principal);
    if (counties.length === 0) throw forbidden();
    const summaries = [];
    for (const county of counties) {
      summaries.push(
        asOf === chinaDate()
          ? await readCache.get(`network:summary:${county.code}:${asOf}`, { counties: [county.code] }, () =>
              countyNetworkSummary(db.db, county, asOf),
            )
          : await countyNetworkSummary(db.db, county, asOf),
      );
    }
    return combineProvinceCoverage(summaries, asOf);
  };

  api.get(
    "/api/v1/network/coverage",
    {
      schema: {
        tags: ["network"],
        summary: "全省示范县服务体系汇总（调用者可见的县）",
        querystring: AsOfQuery,
        response: { 200: ProvinceCoverageResponse },
      },
      config: { access: "region" },
    },
    async (request) => provinceRoll(request, request.query.asOf ?? chinaDate()),
  );

  api.get(
    "/api/v1/network/coverage.xlsx",
    {
      schema: { tags: ["network"], summary: "全省示范县服务体系汇总（Excel）", querystring: AsOfQuery },
      config: { access: "region" },
    },
    async (request, reply) => {
      const roll = await provinceRoll(request, request.query.asOf ?? chinaDate());
      type Row = (typeof roll.counties)[number];
      const target = (key: string) => (r: Row) => r.targets.find((t) => t.key === key)!;
      const coverage = (key: string, header: string) => [
        { header, value: (r: Row) => target(key)(r).bp, format: "bp" as const },
        { header: `${header}是否达标`, value: (r: Row) => (target(key)(r).ok ? "达标" : "未达标") },
      ];
      const content = await tableWorkbook([
        {
          name: "服务体系",
          title: `全省示范县服务体系汇总（截至 ${roll.asOf}）`,
          rows: roll.counties,
          columns: [
            { header: "示范县", value: (r: Row) => r.name, width: 12 },
            { header: "县级代码", value: (r: Row) => r.code, width: 10 },
            ...coverage("villages", "站点覆盖行政村"),
            ...coverage("poor_villages", "站点覆盖贫困村"),
            ...coverage("broadband", "宽带覆盖行政村"),
            ...coverage("township_express", "快递网点覆盖乡镇"),
            { header: "运营站点(个)", value: (r: Row) => r.stationsInService, format: "count" },
            { header: "登记站点(个)", value: (r: Row) => r.stations, format: "count" },
            { header: "不符合建设标准的站点(个)", value: (r: Row) => r.stationsFailingSpec, format: "count" },
            { header: "县级服务中心(个)", value: (r: Row) => r.countyCenters, format: "count" },
            { header: "县级仓储物流中心(个)", value: (r: Row) => r.countyWarehouses, format: "count" },
            { header: "乡镇配送中心(个)", value: (r: Row) => r.townshipCenters, format: "count" },
            { header: "不符合标准的设施(个)", value: (r: Row) => r.facilitiesFailingSpec, format: "count" },
            { header: "应建未建站点的村(个)", value: (r: Row) => r.gaps, format: "count" },
            { header: "重复中央资金支持", value: (r: Row) => r.fundingConflicts.join("；"), width: 40 },
          ],
        },
      ]);
      return sendXlsx(
        reply,
        `全省示范县服务体系汇总（截至${roll.asOf}）.xlsx`,
        `network-coverage-${roll.asOf}.xlsx`,
        content,
      );
    },
  );
}
