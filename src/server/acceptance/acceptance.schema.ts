/** Zod schemas of the acceptance routes that take a body or answer with more than a scorecard. */
import { z } from "zod";
import type { AcceptanceThresholds } from "../../rules/acceptance/standard";
import { isIsoDate } from "../../rules/calendar";

const bp = z.number().int().min(0).max(10_000);
const count = (max: number) => z.number().int().min(0).max(max);

/** Every threshold of the standard, each within a sane range (bp within 0..10000, counts ≥ 0). */
export const ThresholdsSchema = z.object({
  villageCoverageBp: bp,
  poorVillageCoverageBp: bp,
  broadbandBp: bp,
  onlineRateBp: bp,
  ordersPerStationMonth: count(100_000),
  amountFenPerStationMonth: count(10_000_000_000),
  within7DaysBp: bp,
  carriers: count(100),
  brands: count(1000),
  regionalBrands: count(100),
  developedProductsMin: count(1000),
  developedProductsMax: count(1000),
  circulationStandards: count(100),
  incubatedShops: count(100_000),
  traceEnterprisesMin: count(1000),
  traceEnterprisesMax: count(1000),
  traceEnterprisesMaxIsLimit: z.boolean(),
  personTimes: count(10_000_000),
  poorTrainingRateBp: bp,
  reportingCompletenessBp: bp,
  reportingTimelinessBp: bp,
  progressBp: bp,
  transactionsGrowthBp: bp,
  agriSalesGrowthBp: bp,
  jobsMin: count(10_000_000),
  poorSalesHouseholdsMin: count(10_000_000),
  jointMeetingsMin: count(1000),
  inspectionsMin: count(1000),
  researchReports: count(1000),
  recognitions: count(1000),
  upgradedEnterprisesMin: count(10_000),
}) satisfies z.ZodType<AcceptanceThresholds>;

/** A refinement names only the thresholds it changes; unknown keys are refused. */
export const RefineStandardRequest = z
  .object({
    thresholds: ThresholdsSchema.partial().strict(),
    /** Why the province refines the standard (kept in the audit log). */
    note: z.string().trim().min(2).max(2000),
  })
  .strict();

export type RefineStandardRequest = z.infer<typeof RefineStandardRequest>;

export const CountyParams = z.object({ code: z.string().regex(/^\d{6}$/) });
export const AsOfQuery = z.object({ asOf: z.string().refine(isIsoDate, "YYYY-MM-DD").optional() });
