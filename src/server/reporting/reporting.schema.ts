/** Zod schemas of the reporting API: liaisons, reports, daily reports, exceptions, settings, deliveries. */
import { z } from "zod";
import { isIsoDate } from "../../rules/calendar";

const IsoDate = z.string().refine(isIsoDate, "YYYY-MM-DD");
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "YYYY-MM");
const Fen = z.number().int().min(0).max(1e15);
const Text = (max: number) => z.string().max(max);

export const CountyParams = z.object({ code: z.string().regex(/^\d{6}$/, "6-digit county code") });
export const CountyIdParams = CountyParams.extend({ id: z.string().uuid() });
export const IdParams = z.object({ id: z.string().uuid() });
export const AsOfQuery = z.object({ asOf: IsoDate.optional() });

// --- liaisons (R4, M3) ---------------------------------------------------------------------------

const LiaisonFields = {
  organizationName: z.string().trim().max(100).default(""),
  name: z.string().trim().min(1).max(50),
  position: z.string().trim().max(50).default(""),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\-() ]{7,20}$/, "电话号码"),
  email: z.string().trim().email().max(100).nullable().default(null),
  reportsFrom: Month.nullable().default(null),
  reportsUntil: Month.nullable().default(null),
};

export const LiaisonCreateRequest = z
  .object({
    role: z.enum(["authority", "contractor"]),
    organizationId: z.string().uuid().nullable().default(null),
    ...LiaisonFields,
  })
  .strict();

export const LiaisonUpdateRequest = z
  .object({
    role: z.enum(["authority", "contractor"]),
    organizationId: z.string().uuid().nullable().default(null),
    ...LiaisonFields,
  })
  .strict();

export const LiaisonResponse = z.object({
  id: z.string(),
  countyCode: z.string(),
  role: z.enum(["authority", "contractor"]),
  reporterKey: z.string(),
  organizationId: z.string().nullable(),
  organizationName: z.string(),
  name: z.string(),
  position: z.string(),
  phone: z.string(),
  email: z.string().nullable(),
  reportsFrom: z.string().nullable(),
  reportsUntil: z.string().nullable(),
  isDemo: z.boolean(),
  updatedAt: z.string(),
});

const FilingStatus = z.object({
  filedOn: z.string().nullable(),
  filedAt: z.string().nullable(),
  isFiled: z.boolean(),
  isOnTime: z.boolean(),
  isOverdue: z.boolean(),
  deadline: z.string(),
});

export const LiaisonListResponse = z.object({
  countyCode: z.string(),
  liaisons: z.array(LiaisonResponse),
  contractors: z.array(z.object({ id: z.string(), name: z.string() })),
  problems: z.array(z.string()),
  filing: FilingStatus,
});

export const FileLiaisonsRequest = z.object({ confirm: z.literal(true) }).strict();

// --- reports (R2) ---------------------------------------------------------------------------------

const ProjectLine = z
  .object({
    name: Text(100),
    progressBp: z.number().int().min(0).max(10_000),
    contractedFen: Fen,
    disbursedFen: Fen,
    note: Text(500).default(""),
  })
  .strict();

export const MonthlyContent = z
  .object({
    countyEcommerceFen: Fen.nullable(),
    ruralOnlineRetailFen: Fen.nullable(),
    agriculturalOnlineRetailFen: Fen.nullable(),
    projects: z.array(ProjectLine).max(100),
    issues: Text(5000).default(""),
    // Annual reports only; the server keeps the assembled parts when they are left out.
    summary: Text(10_000).optional(),
  })
  .strict();

export const ReportCreateRequest = z
  .object({
    kind: z.enum(["monthly", "annual"]),
    period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/),
    reporterKey: z.string().min(1).max(64),
  })
  .strict();

export const ReportSaveRequest = z
  .object({ version: z.number().int().min(1), content: MonthlyContent })
  .strict();
export const ReportVersionRequest = z.object({ version: z.number().int().min(1) }).strict();
export const ReportReviewRequest = z
  .object({ version: z.number().int().min(1), comment: z.string().trim().max(2000).default("") })
  .strict();

export const ReportListQuery = z.object({
  kind: z.enum(["monthly", "annual"]).optional(),
  reporterKey: z.string().max(64).optional(),
  status: z.enum(["draft", "submitted", "approved", "returned"]).optional(),
  year: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
});

export const ReportResponse = z.object({
  id: z.string(),
  countyCode: z.string(),
  kind: z.enum(["monthly", "annual"]),
  period: z.string(),
  reporterKey: z.string(),
  reporterKind: z.enum(["county", "contractor"]),
  reporterName: z.string(),
  status: z.enum(["draft", "submitted", "approved", "returned"]),
  pendingLevel: z.enum(["county", "city", "province"]).nullable(),
  content: z.record(z.string(), z.unknown()),
  version: z.number().int(),
  dueOn: z.string(),
  firstSubmittedOn: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  lastComment: z.string().nullable(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ReportDetailResponse = ReportResponse.extend({
  events: z.array(
    z.object({
      action: z.string(),
      level: z.string().nullable(),
      actorName: z.string(),
      comment: z.string().nullable(),
      statusAfter: z.string(),
      at: z.string(),
    }),
  ),
  problems: z.array(z.object({ rule: z.string(), path: z.string(), message: z.string() })),
  entry: z.object({ state: z.enum(["not_yet", "open", "closed"]), closesOn: z.string() }),
});

export const SubmitResponse = z.object({
  report: ReportResponse,
  warnings: z.array(z.object({ rule: z.string(), path: z.string(), message: z.string() })),
});

const Slot = z.object({
  reporterKey: z.string(),
  reporterKind: z.string(),
  reporterName: z.string(),
  kind: z.string(),
  period: z.string(),
  periodEnd: z.string(),
  dueOn: z.string(),
});

const Counts = z.object({ expected: z.number().int(), received: z.number().int(), onTime: z.number().int() });

export const ReportingStatusResponse = z.object({
  countyCode: z.string(),
  asOf: z.string(),
  counts: Counts,
  completenessBp: z.number().int(),
  timelinessBp: z.number().int(),
  daily: Counts,
  slots: z.array(
    Slot.extend({ state: z.string(), reportId: z.string().nullable(), status: z.string().nullable() }),
  ),
  due: z.array(
    z.object({
      slot: Slot,
      state: z.string(),
      daysLate: z.number().int(),
      isDueSoon: z.boolean(),
      reportId: z.string().nullable(),
    }),
  ),
});

const Cell = z.object({
  period: z.string(),
  expected: z.number().int(),
  received: z.number().int(),
  onTime: z.number().int(),
  completenessBp: z.number().int(),
  timelinessBp: z.number().int(),
});

export const OverviewQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  asOf: IsoDate.optional(),
});

export const OverviewResponse = z.object({
  year: z.number().int(),
  asOf: z.string(),
  liaisonDeadline: z.string(),
  counties: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      months: z.array(Cell),
      total: Cell,
      overdue: z.number().int(),
      liaison: z.object({
        filedOn: z.string().nullable(),
        isFiled: z.boolean(),
        isOnTime: z.boolean(),
        isOverdue: z.boolean(),
        liaisons: z.number().int(),
      }),
    }),
  ),
});

// --- daily reports --------------------------------------------------------------------------------

export const DailyRowsRequest = z
  .object({
    rows: z
      .array(
        z
          .object({
            stationCode: z.string().trim().min(1).max(50),
            date: IsoDate,
            orders: z.number().int().min(0).max(1e9),
            amountFen: Fen,
            shipments: z.number().int().min(0).max(1e9),
            onlineMinutes: z.number().int().min(0).max(1440),
          })
          .strict(),
      )
      .min(1)
      .max(20_000),
  })
  .strict();

export const DailyQuery = z.object({ from: IsoDate.optional(), to: IsoDate.optional() });

export const DailyReportResponse = z.object({
  date: z.string(),
  stations: z.number().int(),
  orders: z.number().int(),
  amountFen: z.number().int(),
  shipments: z.number().int(),
  onlineRateBp: z.number().int(),
  stationsOnline: z.number().int(),
  generatedAt: z.string(),
  isDemo: z.boolean(),
});

// --- entry exceptions, settings, deliveries -----------------------------------------------------

export const ExceptionRequest = z
  .object({
    kind: z.enum(["monthly", "annual"]),
    period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/),
    openUntil: IsoDate,
    reason: z.string().trim().min(2).max(500),
  })
  .strict();

export const ExceptionResponse = z.object({
  id: z.string(),
  kind: z.string(),
  period: z.string(),
  openUntil: z.string(),
  reason: z.string(),
  grantedBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

const ApprovalLevel = z.enum(["county", "city", "province"]);
// Settings months and dates stay within the years the program's calendars cover: a stored "0812-10"
// passed the pattern and then broke every county's reporting status (a 500, found by fuzzing).
const SettingsMonth = Month.refine((m) => m >= "2000-01" && m <= "2100-12", "2000-01 … 2100-12");
const SettingsDate = IsoDate.refine((d) => d >= "2000-01-01" && d <= "2100-12-31", "2000-01-01 … 2100-12-31");

export const SettingsRequest = z
  .object({
    reporting: z
      .object({
        firstMonth: SettingsMonth,
        lastMonth: SettingsMonth.nullable(),
        firstYear: z.number().int().min(2000).max(2100),
        monthlyDueWorkingDay: z.number().int().min(1).max(20),
        annualDueWorkingDay: z.number().int().min(1).max(60),
        dailyDueAfterDays: z.number().int().min(0).max(30),
        entryClosesAfterDays: z.number().int().min(0).max(366),
        approvalChains: z
          .object({ county: z.array(ApprovalLevel).max(3), contractor: z.array(ApprovalLevel).max(3) })
          .strict(),
        higherLevelMayAct: z.boolean(),
        submitOnlyWhenValid: z.object({ monthly: z.boolean(), annual: z.boolean() }).strict(),
        returnedCountsAsReceived: z.boolean(),
        factsKinds: z
          .array(z.enum(["daily", "monthly", "annual"]))
          .min(1)
          .max(3),
        liaisonDeadline: SettingsDate,
        dueSoonDays: z.number().int().min(0).max(60),
      })
      .partial()
      .strict()
      .optional(),
    transparency: z
      .object({
        progressMaxAgeDays: z.number().int().min(1).max(3660),
        progressCheckUntil: SettingsDate,
        allowedLinkHostSuffixes: z.array(z.string().trim().min(2).max(100)).max(50),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict()
  .refine((v) => v.reporting || v.transparency, "nothing to change");

export const SettingsResponse = z.object({
  reporting: z.record(z.string(), z.unknown()),
  transparency: z.record(z.string(), z.unknown()),
});

export const DeliveryResponse = z.object({
  id: z.string(),
  reportId: z.string(),
  countyCode: z.string(),
  sink: z.string(),
  target: z.string(),
  idempotencyKey: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  lastHttpStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
});

export const RetryRequest = z.object({ confirm: z.literal(true) }).strict();
