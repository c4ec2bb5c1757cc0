/** Request and response shapes of the data-quality flag routes (E5 evidence). */
import { z } from "zod";
import { DATA_QUALITY_KIND_KEYS, DATA_QUALITY_STATUSES } from "../../rules/operations-quality";

const Bilingual = z.object({ zh: z.string(), en: z.string() });

export const DataQualityFlagsQuery = z.object({
  status: z.enum(DATA_QUALITY_STATUSES).optional(),
  kind: z.enum(DATA_QUALITY_KIND_KEYS as [string, ...string[]]).optional(),
});

export const ProvinceDataQualityFlagsQuery = DataQualityFlagsQuery.extend({
  county: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
});

export const DataQualityFlagParams = z.object({
  code: z.string().regex(/^\d{6}$/, "6-digit county code"),
  id: z.string().uuid(),
});

export const DataQualityFlag = z.object({
  id: z.string(),
  countyCode: z.string(),
  kind: z.string(),
  kindName: Bilingual,
  subject: z.string(),
  stationCode: z.string().nullable(),
  period: z.string(),
  status: z.enum(DATA_QUALITY_STATUSES),
  summary: Bilingual,
  measures: z.record(z.string(), z.union([z.number(), z.string()])),
  refCount: z.number().int(),
  detectedAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedByName: z.string().nullable(),
  resolution: z.string().nullable(),
});

export const DataQualityFlagListResponse = z.object({
  items: z.array(DataQualityFlag.extend({ countyName: z.string().optional() })),
  counts: z.object({ open: z.number().int(), resolved: z.number().int() }),
});

export const DataQualityFlagDetailResponse = DataQualityFlag.extend({
  evidence: z.object({
    columns: z.array(z.object({ key: z.string(), title: Bilingual })),
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
    total: z.number().int(),
  }),
});

export const ResolveDataQualityFlagRequest = z
  .object({
    /** 核实说明: why the data are genuine, or what was corrected. */
    reason: z.string().trim().min(5).max(2000),
  })
  .strict();
