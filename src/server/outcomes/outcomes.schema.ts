/** Zod pieces of the outcomes domain's routes. */
import { z } from "zod";

export const CountyParams = z.object({ code: z.string().regex(/^\d{6}$/, "6-digit county code") });
export const YearParams = CountyParams.extend({ year: z.coerce.number().int().min(2010).max(2035) });
export const IsoDate = z.iso.date();
export const Text = (max: number) => z.string().trim().min(1).max(max);
export const OptionalText = (max: number) => z.string().trim().max(max).default("");
/** Money in integer fen (house rule), up to 100 billion yuan. */
export const Fen = z.number().int().min(0).max(10_000_000_000_000);
export const AsOfQuery = z.object({ asOf: IsoDate.optional() });

/** The form of one year's 年度指标, with the source document (rule K7). */
export const YearFiguresBody = z.object({
  transactionsFen: Fen,
  ruralRetailFen: Fen,
  agriRetailFen: Fen,
  jobs: z.number().int().min(0).max(10_000_000),
  sourceDocument: Text(300),
});
export const YearFiguresItem = YearFiguresBody.extend({ year: z.number().int(), isDemo: z.boolean() });

/** A photo of an inspection as clients see it (C2): the URL serves it to the county's readers only. */
export const InspectionPhoto = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
  caption: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  isDemo: z.boolean(),
  url: z.string(),
});

const keys = <T extends Record<string, unknown>>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
export const keyOf = <T extends Record<string, unknown>>(o: T) => z.enum(keys(o));
