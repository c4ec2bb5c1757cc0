import { z } from "zod";
import { MAX_INGEST_RECORDS } from "./ingest-records";
import { INGEST_KINDS } from "./ingest-tokens.repository";

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "YYYY-MM");
const Code = z.string().regex(/^\d{6}$/, "6-digit county code");
const StationCode = z.string().trim().min(1).max(50);

export const OperationsQuery = z.object({
  from: Month.optional(),
  to: Month.optional(),
  /** 9-digit township code: only its stations. */
  township: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
});

export const ProvinceOperationsQuery = OperationsQuery.omit({ township: true });

export const StationParams = z.object({ code: Code, station: StationCode });

const Int = z.number().int();

const Delivery = {
  downShipments: Int,
  downDelivered: Int,
  withinDaysBp: Int,
  meetsDelivery: z.boolean(),
  upShipments: Int,
  carriers: z.array(z.string()),
};

const Summary = {
  stations: Int,
  onlineRateBp: Int,
  avgOrdersPerStationMonth: Int,
  avgAmountFenPerStationMonth: Int,
  stationsMeetingBoth: Int,
  meetsOnlineRate: z.boolean(),
  meetsOrders: z.boolean(),
  meetsAmount: z.boolean(),
  ...Delivery,
};

const FeeComparison = z.object({
  weightClass: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  shipments: Int,
  avgFeeFen: Int,
  benchmarkFen: Int.nullable(),
  isAbove: z.boolean(),
});

export const CountyOperationsResponse = z.object({
  countyCode: z.string(),
  townshipCode: z.string().nullable(),
  fromMonth: z.string().nullable(),
  toMonth: z.string(),
  asOf: z.string(),
  thresholds: z.object({
    onlineRateBp: Int,
    ordersPerStationMonth: Int,
    amountFenPerStationMonth: Int,
    deliveryDays: Int,
    withinDeliveryDaysBp: Int,
    carriers: Int,
  }),
  summary: z.object({
    ...Summary,
    meetsCarriers: z.boolean(),
    upwardFees: z.array(FeeComparison),
    meetsUpwardFees: z.boolean(),
  }),
  stations: z.array(
    z.object({
      stationCode: z.string(),
      villageCode: z.string().nullable(),
      townshipCode: z.string().nullable(),
      months: Int,
      onlineRateBp: Int,
      hasOnlineData: z.boolean(),
      avgOrders: Int,
      avgAmountFen: Int,
      meetsOnlineRate: z.boolean(),
      meetsOrders: z.boolean(),
      meetsAmount: z.boolean(),
      meetsBoth: z.boolean(),
      ...Delivery,
    }),
  ),
  townships: z.array(z.object({ townshipCode: z.string().nullable(), ...Summary })),
  failing: z.object({
    onlineRate: z.array(z.string()),
    ordersAndAmount: z.array(z.string()),
    delivery: z.array(z.string()),
  }),
  trend: z.array(
    z.object({
      month: z.string(),
      stations: Int,
      onlineRateBp: Int,
      avgOrdersPerStationMonth: Int,
      avgAmountFenPerStationMonth: Int,
      downShipments: Int,
      withinDaysBp: Int,
    }),
  ),
  distribution: z.array(z.object({ days: Int, shipments: Int })),
  inTransit: Int,
});

export const ProvinceOperationsResponse = z.object({
  fromMonth: z.string().nullable(),
  toMonth: z.string(),
  asOf: z.string(),
  province: z.object(Summary),
  counties: z.array(
    z.object({
      countyCode: z.string(),
      name: z.string(),
      ...Summary,
      meetsCarriers: z.boolean(),
      upwardFeesAbove: z.array(z.string()),
      failingStations: z.object({ onlineRate: Int, ordersAndAmount: Int, delivery: Int }),
    }),
  ),
});

const SourceFigures = z
  .object({
    orders: Int,
    amountFen: Int,
    onlineRateBp: Int.nullable(),
    onlineMinutes: Int,
    orderRecords: Int,
  })
  .nullable();

export const StationOperationsResponse = z.object({
  countyCode: z.string(),
  stationCode: z.string(),
  months: z.array(
    z.object({
      month: z.string(),
      orders: Int,
      amountFen: Int,
      onlineRateBp: Int.nullable(),
      /** What each source said, before the machines' figures were preferred. */
      workbook: SourceFigures,
      machine: SourceFigures,
      downShipments: Int,
      withinDaysBp: Int,
    }),
  ),
});

// --- benchmark fees ---------------------------------------------------------------------------

export const FeeBenchmarksRequest = z.object({
  benchmarks: z
    .array(
      z.object({
        weightClass: z.string().min(1).max(20),
        feeFen: z.number().int().min(0).max(100_000_00),
        note: z.string().trim().max(200).optional(),
      }),
    )
    .max(20),
});

export const FeeBenchmarksResponse = z.object({
  weightClasses: z.array(
    z.object({
      key: z.string(),
      maxGrams: Int.nullable(),
      name: z.object({ zh: z.string(), en: z.string() }),
      feeFen: Int.nullable(),
      note: z.string(),
    }),
  ),
});

// --- ingest tokens and the ingest API ---------------------------------------------------------

export const IngestTokenCreateRequest = z
  .object({
    name: z.string().trim().min(1).max(100),
    kinds: z.array(z.enum(INGEST_KINDS)).min(1).max(3).optional(),
    stationCodes: z.array(StationCode).min(1).max(5000).optional(),
    /** The contractor organization (承办企业) holding it; a K2 handover moves such tokens. */
    organizationId: z.uuid().nullable().optional(),
  })
  .strict();

const IngestToken = z.object({
  id: z.string(),
  countyCode: z.string(),
  name: z.string(),
  hint: z.string(),
  kinds: z.array(z.string()).nullable(),
  stationCodes: z.array(z.string()).nullable(),
  organizationId: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

export const IngestTokenCreatedResponse = IngestToken.extend({
  /** Shown this once: only its hash is stored. */
  token: z.string(),
});

export const IngestTokenListResponse = z.object({ items: z.array(IngestToken) });
export const IngestTokenResponse = IngestToken;

export const IngestTokenParams = z.object({ code: Code, id: z.string().uuid() });

export const IngestParams = z.object({ kind: z.enum(INGEST_KINDS) });

export const IngestRequest = z.array(z.unknown()).max(MAX_INGEST_RECORDS);

export const IngestResponse = z.object({
  kind: z.string(),
  received: Int,
  accepted: Int,
  duplicates: Int,
  rejected: z.array(z.object({ index: Int, reason: z.string() })),
});
