import { z } from "zod";
import { isIsoDate } from "../../rules/calendar";

export const IsoDate = z.string().refine(isIsoDate, "YYYY-MM-DD");

export const CalendarDateParams = z.object({ date: IsoDate });

export const CalendarOverrideBody = z.object({
  kind: z.enum(["holiday", "workday"]),
  note: z.string().max(500).default(""),
});

export const CalendarOverride = z.object({
  date: z.string(),
  kind: z.enum(["holiday", "workday"]),
  note: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

export const CalendarYearResponse = z.object({
  year: z.number().int(),
  /** Whether the year's official calendar is known (package or province entries). */
  covered: z.boolean(),
  holidays: z.array(z.string()),
  workdays: z.array(z.string()),
  overrides: z.array(CalendarOverride),
});
