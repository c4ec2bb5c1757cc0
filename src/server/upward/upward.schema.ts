/** Zod pieces shared by the upward domain's routes. */
import { z } from "zod";
import { OWNER_CATEGORIES, PLATFORMS, SHOP_SERVICES, TRACE_UNITS } from "../../rules/upward";

export const CountyParams = z.object({ code: z.string().regex(/^\d{6}$/, "6-digit county code") });

export const IsoDate = z.iso.date();
export const Text = (max: number) => z.string().trim().min(1).max(max);
export const OptionalText = (max: number) => z.string().trim().max(max).default("");
/** Money in integer fen (house rule), up to 100 billion yuan. */
export const Fen = z.number().int().min(0).max(10_000_000_000_000);
export const WebUrl = z.url({ protocol: /^https?$/ }).max(500);

const keys = <T extends Record<string, unknown>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
export const PlatformKey = z.enum(keys(PLATFORMS));
export const OwnerCategoryKey = z.enum(keys(OWNER_CATEGORIES));
export const ShopServiceKey = z.enum(keys(SHOP_SERVICES));
export const TraceUnitKey = z.enum(keys(TRACE_UNITS));

/** A list of distinct keys. */
export const KeySet = <T extends z.ZodEnum>(item: T, min: number) =>
  z
    .array(item)
    .min(min)
    .refine((a) => new Set(a).size === a.length, "重复的选项 / repeated option");

export const AsOfQuery = z.object({ asOf: IsoDate.optional() });
