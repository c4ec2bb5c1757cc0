/**
 * The roster of incubated online shops (rule O6, acceptance B5): who opened it (owner categories),
 * where, when, the services the program gave, and monthly and annual transactions. Whether a shop
 * counts as incubated follows the O6 reading (isIncubatedShop, a setting).
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import {
  isIncubatedShop,
  OWNER_CATEGORIES,
  type OwnerCategory,
  type Platform,
  platformLabel,
  SHOP_SERVICES,
  type ShopService,
} from "../../rules/upward";
import type { RouteContext } from "../platform/domain";
import { registerRoster } from "./county-roster";
import { fenToYuanText } from "./roster-export";
import {
  Fen,
  IsoDate,
  KeySet,
  OwnerCategoryKey,
  PlatformKey,
  ShopServiceKey,
  Text,
  WebUrl,
} from "./upward.schema";

const ShopBody = z
  .object({
    name: Text(100),
    ownerCategories: KeySet(OwnerCategoryKey, 1),
    platform: PlatformKey,
    platformName: z.string().trim().max(50).nullable().default(null),
    shopUrl: WebUrl,
    openedOn: IsoDate,
    services: KeySet(ShopServiceKey, 0),
    monthlyTransactionsFen: Fen,
    annualTransactionsFen: Fen,
  })
  .refine((s) => s.platform !== "other" || !!s.platformName, {
    message: "“其他”平台须填写平台名称 / name the other platform",
    path: ["platformName"],
  });

const ShopItem = z.object({
  name: z.string(),
  ownerCategories: z.array(OwnerCategoryKey),
  platform: PlatformKey,
  platformName: z.string().nullable(),
  shopUrl: z.string(),
  openedOn: z.string(),
  services: z.array(ShopServiceKey),
  monthlyTransactionsFen: z.number().int(),
  annualTransactionsFen: z.number().int(),
  /** O6 reading: annual transactions reach 30,000 yuan. */
  isIncubated: z.boolean(),
});

export async function incubationRoutes(app: FastifyInstance, context: RouteContext): Promise<void> {
  registerRoster(app, context, {
    path: "incubated-shops",
    table: "incubated_shops",
    entity: "incubated_shop",
    tag: "upward-incubation",
    noun: { zh: "孵化网店", en: "incubated shop" },
    body: ShopBody,
    item: ShopItem,
    toColumns: (b) => ({
      name: b.name,
      owner_categories: JSON.stringify(b.ownerCategories),
      platform: b.platform,
      platform_name: b.platform === "other" ? b.platformName : null,
      shop_url: b.shopUrl,
      opened_on: b.openedOn,
      services: JSON.stringify(b.services),
      monthly_transactions_fen: b.monthlyTransactionsFen,
      annual_transactions_fen: b.annualTransactionsFen,
    }),
    toItem: (r) => ({
      name: r.name as string,
      ownerCategories: JSON.parse(r.owner_categories as string) as OwnerCategory[],
      platform: r.platform as Platform,
      platformName: (r.platform_name as string | null) ?? null,
      shopUrl: r.shop_url as string,
      openedOn: r.opened_on as string,
      services: JSON.parse(r.services as string) as ShopService[],
      monthlyTransactionsFen: Number(r.monthly_transactions_fen),
      annualTransactionsFen: Number(r.annual_transactions_fen),
      isIncubated: isIncubatedShop(Number(r.annual_transactions_fen)),
    }),
    orderBy: "opened_on",
    export: {
      fileName: "孵化网店名册",
      columns: [
        { header: "网店", value: (i) => i.name, width: 24 },
        {
          header: "开办人类别",
          value: (i) => i.ownerCategories.map((c) => OWNER_CATEGORIES[c].zh).join("、"),
        },
        { header: "平台", value: (i) => platformLabel(i.platform, i.platformName) },
        { header: "网址", value: (i) => i.shopUrl, width: 40 },
        { header: "开店日期", value: (i) => i.openedOn },
        {
          header: "增值服务",
          value: (i) => i.services.map((s) => SHOP_SERVICES[s].zh).join("、"),
          width: 30,
        },
        { header: "月交易额(元)", value: (i) => fenToYuanText(i.monthlyTransactionsFen) },
        { header: "年交易额(元)", value: (i) => fenToYuanText(i.annualTransactionsFen) },
        { header: "年交易额达3万元", value: (i) => (i.isIncubated ? "是" : "否") },
      ],
    },
  });
}
