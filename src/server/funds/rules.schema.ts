/** Zod shapes of the stateless rule calculators (interfaces.md, rules F2–F4, F6, F7). */
import { z } from "zod";
import { isIsoDate, MAX_WORKING_DAY_STEPS } from "../../rules/calendar";

export const IsoDate = z.string().refine(isIsoDate, "YYYY-MM-DD");
/**
 * Integer fen up to 10 billion yuan (1e12 fen): a thousand such amounts still add up exactly in
 * JavaScript, so a calculator's totals never leave the safe-integer range (a 500 before).
 */
export const Fen = z.number().int().min(0).max(1e12);

export const NoticePeriodQuery = z.object({
  start: IsoDate,
  workingDays: z.coerce.number().int().min(1).max(MAX_WORKING_DAY_STEPS).default(10),
});

export const NoticePeriodResponse = z.object({
  lastDay: z.string(),
  earliestSubmission: z.string(),
  /** True when a year of the period has no official calendar: only weekends were known there. */
  calendarIncomplete: z.boolean(),
  uncoveredYears: z.array(z.number().int()),
});

export const FundPlanCheckRequest = z.object({
  subsidyFen: Fen.positive(),
  lines: z
    .array(
      z.object({
        category: z.string().max(200),
        amountFen: Fen,
        description: z.string().max(4000).default(""),
      }),
    )
    .max(1000),
});

const ShareKey = z.enum([
  "upward_services",
  "upward_infrastructure",
  "logistics",
  "service_center",
  "village_stations",
  "training",
  "upward",
  "service_system",
]);

export const FundPlanCheckResponse = z.object({
  ok: z.boolean(),
  totalFen: z.number().int(),
  shares: z.array(
    z.object({
      key: ShareKey,
      shareBp: z.number().int(),
      targetBp: z.number().int(),
      withinTolerance: z.boolean(),
    }),
  ),
  forbidden: z.array(z.object({ line: z.number().int(), rule: z.literal("F4"), reason: z.string() })),
  problems: z.array(z.string()),
});

export const PaymentCheckRequest = z.object({
  contractFen: Fen.positive(),
  accepted: z.boolean(),
  started: IsoDate,
  payments: z.array(z.object({ date: IsoDate, amountFen: Fen.positive() })).max(1000),
});

export const PaymentCheckResponse = z.object({
  ok: z.boolean(),
  paidFen: z.number().int(),
  problems: z.array(z.object({ rule: z.literal("F7"), reason: z.string() })),
});
