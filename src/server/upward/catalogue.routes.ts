/**
 * The product catalogue of rule O5 (acceptance B4): the survey of local products, brands
 * (county regional brand flagged), developed products (单品), circulation standards and platform
 * listings — each a county roster (see county-roster.ts).
 */
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import { z } from "zod";
import { type Platform, platformLabel } from "../../rules/upward";
import type { RouteContext } from "../platform/domain";
import { AppError } from "../platform/http/errors";
import { assertInCounty, registerRoster } from "./county-roster";
import { fenToYuanText } from "./roster-export";
import { Fen, IsoDate, OptionalText, PlatformKey, Text, WebUrl } from "./upward.schema";

const TAG = "upward-catalogue";
const BRAND = { zh: "品牌", en: "brand" };
const PRODUCT = { zh: "单品", en: "developed product" };

const SurveyBody = z.object({ title: Text(200), surveyedOn: IsoDate, documentRef: Text(300) });
const LocalProductBody = z.object({
  name: Text(100),
  category: Text(50),
  annualVolume: z.number().int().min(0).max(1e12),
  volumeUnit: Text(20),
  seasonFrom: z.number().int().min(1).max(12),
  seasonTo: z.number().int().min(1).max(12),
  townshipCode: z
    .string()
    .regex(/^\d{9}$/)
    .nullable()
    .default(null),
});
const BrandBody = z.object({
  name: Text(100),
  isRegional: z.boolean(),
  owner: Text(200),
  trademarkNo: z.string().trim().max(50).nullable().default(null),
  registeredOn: IsoDate.nullable().default(null),
});
const ProductBody = z.object({
  name: Text(100),
  brandId: z.uuid().nullable().default(null),
  standard: OptionalText(100),
  packaging: OptionalText(100),
  grade: OptionalText(50),
  priceFen: Fen,
  unit: Text(30),
  launchedOn: IsoDate.nullable().default(null),
});
const StandardBody = z.object({
  number: Text(60),
  title: Text(200),
  issuedOn: IsoDate,
  documentRef: OptionalText(300),
});
const ListingFields = z.object({
  productId: z.uuid().nullable().default(null),
  platform: PlatformKey,
  platformName: z.string().trim().max(50).nullable().default(null),
  shopName: Text(100),
  shopUrl: WebUrl,
  monthlySalesFen: Fen,
  listedOn: IsoDate.nullable().default(null),
});
const ListingBody = ListingFields.refine((l) => l.platform !== "other" || !!l.platformName, {
  message: "“其他”平台须填写平台名称 / name the other platform",
  path: ["platformName"],
});

export async function catalogueRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  registerRoster(app, context, {
    path: "product-surveys",
    table: "product_surveys",
    entity: "product_survey",
    tag: TAG,
    noun: { zh: "农产品摸底档案", en: "product survey" },
    body: SurveyBody,
    item: SurveyBody,
    toColumns: (b) => ({ title: b.title, surveyed_on: b.surveyedOn, document_ref: b.documentRef }),
    toItem: (r) => ({
      title: r.title as string,
      surveyedOn: r.surveyed_on as string,
      documentRef: r.document_ref as string,
    }),
    orderBy: "surveyed_on",
    export: {
      fileName: "农产品摸底档案",
      columns: [
        { header: "名称", value: (i) => i.title, width: 40 },
        { header: "摸底日期", value: (i) => i.surveyedOn },
        { header: "档案/文件", value: (i) => i.documentRef, width: 40 },
      ],
    },
  });

  registerRoster(app, context, {
    path: "local-products",
    table: "local_products",
    entity: "local_product",
    tag: TAG,
    noun: { zh: "本地农产品", en: "local product" },
    body: LocalProductBody,
    item: LocalProductBody,
    toColumns: (b) => ({
      name: b.name,
      category: b.category,
      annual_volume: b.annualVolume,
      volume_unit: b.volumeUnit,
      season_from: b.seasonFrom,
      season_to: b.seasonTo,
      township_code: b.townshipCode,
    }),
    toItem: (r) => ({
      name: r.name as string,
      category: r.category as string,
      annualVolume: Number(r.annual_volume),
      volumeUnit: r.volume_unit as string,
      seasonFrom: Number(r.season_from),
      seasonTo: Number(r.season_to),
      townshipCode: (r.township_code as string | null) ?? null,
    }),
    check: async (db, code, b) => {
      if (b.townshipCode) await assertTownship(db, code, b.townshipCode);
    },
    orderBy: "name",
    export: {
      fileName: "本地农产品",
      columns: [
        { header: "品名", value: (i) => i.name },
        { header: "类别", value: (i) => i.category },
        { header: "年产量", value: (i) => i.annualVolume },
        { header: "单位", value: (i) => i.volumeUnit },
        { header: "上市月份", value: (i) => `${i.seasonFrom}–${i.seasonTo}月` },
        { header: "乡镇代码", value: (i) => i.townshipCode },
      ],
    },
  });

  registerRoster(app, context, {
    path: "brands",
    table: "brands",
    entity: "brand",
    tag: TAG,
    noun: BRAND,
    body: BrandBody,
    item: BrandBody,
    toColumns: (b) => ({
      name: b.name,
      is_regional: b.isRegional ? 1 : 0,
      owner: b.owner,
      trademark_no: b.trademarkNo || null,
      registered_on: b.registeredOn,
    }),
    toItem: (r) => ({
      name: r.name as string,
      isRegional: r.is_regional === 1,
      owner: r.owner as string,
      trademarkNo: (r.trademark_no as string | null) ?? null,
      registeredOn: (r.registered_on as string | null) ?? null,
    }),
    inUse: async (db, code, id) => {
      const used = await db
        .selectFrom("developed_products")
        .select("id")
        .where("county_code", "=", code)
        .where("brand_id", "=", id)
        .executeTakeFirst();
      return used ? { zh: "仍有单品使用该品牌", en: "Products still carry this brand" } : undefined;
    },
    orderBy: "name",
    export: {
      fileName: "品牌",
      columns: [
        { header: "品牌", value: (i) => i.name },
        { header: "县域公共品牌", value: (i) => (i.isRegional ? "是" : "否") },
        { header: "所有者", value: (i) => i.owner, width: 30 },
        { header: "商标注册号", value: (i) => i.trademarkNo },
        { header: "注册日期", value: (i) => i.registeredOn },
      ],
    },
  });

  registerRoster(app, context, {
    path: "developed-products",
    table: "developed_products",
    entity: "developed_product",
    tag: TAG,
    noun: PRODUCT,
    body: ProductBody,
    item: ProductBody,
    toColumns: (b) => ({
      name: b.name,
      brand_id: b.brandId,
      standard: b.standard,
      packaging: b.packaging,
      grade: b.grade,
      price_fen: b.priceFen,
      unit: b.unit,
      launched_on: b.launchedOn,
    }),
    toItem: (r) => ({
      name: r.name as string,
      brandId: (r.brand_id as string | null) ?? null,
      standard: r.standard as string,
      packaging: r.packaging as string,
      grade: r.grade as string,
      priceFen: Number(r.price_fen),
      unit: r.unit as string,
      launchedOn: (r.launched_on as string | null) ?? null,
    }),
    check: async (db, code, b) => {
      if (b.brandId) await assertInCounty(db, "brands", code, b.brandId, "brandId", BRAND);
    },
    inUse: async (db, code, id) => {
      const listed = await db
        .selectFrom("platform_listings")
        .select("id")
        .where("county_code", "=", code)
        .where("product_id", "=", id)
        .executeTakeFirst();
      const traced = await db
        .selectFrom("trace_batches")
        .select("id")
        .where("county_code", "=", code)
        .where("product_id", "=", id)
        .executeTakeFirst();
      return listed || traced
        ? { zh: "该单品已有上架记录或追溯批次", en: "The product has listings or trace batches" }
        : undefined;
    },
    orderBy: "name",
    export: {
      fileName: "开发单品",
      columns: [
        { header: "单品", value: (i) => i.name },
        { header: "品牌编号", value: (i) => i.brandId },
        { header: "执行标准", value: (i) => i.standard },
        { header: "包装", value: (i) => i.packaging },
        { header: "等级", value: (i) => i.grade },
        { header: "价格(元)", value: (i) => fenToYuanText(i.priceFen) },
        { header: "规格", value: (i) => i.unit },
        { header: "上市日期", value: (i) => i.launchedOn },
      ],
    },
  });

  registerRoster(app, context, {
    path: "circulation-standards",
    table: "circulation_standards",
    entity: "circulation_standard",
    tag: TAG,
    noun: { zh: "农产品流通标准", en: "circulation standard" },
    body: StandardBody,
    item: StandardBody,
    toColumns: (b) => ({
      number: b.number,
      title: b.title,
      issued_on: b.issuedOn,
      document_ref: b.documentRef,
    }),
    toItem: (r) => ({
      number: r.number as string,
      title: r.title as string,
      issuedOn: r.issued_on as string,
      documentRef: r.document_ref as string,
    }),
    orderBy: "number",
    export: {
      fileName: "农产品流通标准",
      columns: [
        { header: "标准编号", value: (i) => i.number },
        { header: "标准名称", value: (i) => i.title, width: 40 },
        { header: "发布日期", value: (i) => i.issuedOn },
        { header: "文件", value: (i) => i.documentRef, width: 30 },
      ],
    },
  });

  registerRoster(app, context, {
    path: "platform-listings",
    table: "platform_listings",
    entity: "platform_listing",
    tag: TAG,
    noun: { zh: "平台上架记录", en: "platform listing" },
    body: ListingBody,
    item: ListingFields,
    toColumns: (b) => ({
      product_id: b.productId,
      platform: b.platform,
      platform_name: b.platform === "other" ? b.platformName : null,
      shop_name: b.shopName,
      shop_url: b.shopUrl,
      monthly_sales_fen: b.monthlySalesFen,
      listed_on: b.listedOn,
    }),
    toItem: (r) => ({
      productId: (r.product_id as string | null) ?? null,
      platform: r.platform as Platform,
      platformName: (r.platform_name as string | null) ?? null,
      shopName: r.shop_name as string,
      shopUrl: r.shop_url as string,
      monthlySalesFen: Number(r.monthly_sales_fen),
      listedOn: (r.listed_on as string | null) ?? null,
    }),
    check: async (db, code, b) => {
      if (b.productId)
        await assertInCounty(db, "developed_products", code, b.productId, "productId", PRODUCT);
    },
    orderBy: "platform",
    export: {
      fileName: "平台上架",
      columns: [
        { header: "平台", value: (i) => platformLabel(i.platform, i.platformName) },
        { header: "店铺", value: (i) => i.shopName },
        { header: "店铺网址", value: (i) => i.shopUrl, width: 40 },
        { header: "月销售额(元)", value: (i) => fenToYuanText(i.monthlySalesFen) },
        { header: "单品编号", value: (i) => i.productId },
        { header: "上架日期", value: (i) => i.listedOn },
      ],
    },
  });
}

/** A township code must name a township of the county (from the region registry). */
async function assertTownship(db: Kysely<any>, countyCode: string, townshipCode: string): Promise<void> {
  const township = await db
    .selectFrom("regions")
    .select("code")
    .where("code", "=", townshipCode)
    .where("level", "=", "township")
    .where("parent_code", "=", countyCode)
    .executeTakeFirst();
  if (!township) {
    throw new AppError(
      400,
      "unknown_reference",
      { zh: "该乡镇不属于本县", en: "No such township in this county" },
      [{ path: "townshipCode", message: "乡镇代码不属于本县" }],
    );
  }
}
