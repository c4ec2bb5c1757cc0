import { z } from "zod";

export const VillageListQuery = z.object({
  q: z.string().max(50).optional(),
  township: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  kind: z.enum(["village_committee", "residents_committee"]).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const VillageListResponse = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      townshipCode: z.string(),
      townshipName: z.string(),
      kind: z.string(),
      population: z.number().int().nullable(),
      isPoor: z.boolean().nullable(),
      hasBroadband: z.boolean().nullable(),
      demoFields: z.array(z.string()),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------
// Stations and facilities

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");
const Status = z.enum(["planned", "building", "open", "closed"]);
const ItemList = z.array(z.string().trim().min(1).max(100)).max(100);
/** Area in tenths of a square metre (12.5 m² = 125). */
const AreaTenths = z.number().int().min(0).max(100_000_000).nullable();

export const IdParams = z.object({ code: z.string().regex(/^\d{6}$/), id: z.string().uuid() });
export const StationIdParams = z.object({ id: z.string().uuid() });

export const StationCreateRequest = z.object({
  stationNo: z.string().trim().min(1).max(50),
  name: z.string().trim().max(100).default(""),
  villageCode: z.string().regex(/^\d{12}$/),
  areaTenths: AreaTenths.default(null),
  equipment: ItemList.default([]),
  hasSign: z.boolean().default(false),
  isCentrallyFunded: z.boolean().default(false),
  builtOn: IsoDate.nullable().default(null),
  closedOn: IsoDate.nullable().default(null),
  manager: z.string().trim().max(100).nullable().default(null),
  status: Status.default("open"),
});

export const StationUpdateRequest = z
  .object({
    stationNo: z.string().trim().min(1).max(50),
    name: z.string().trim().max(100),
    villageCode: z.string().regex(/^\d{12}$/),
    areaTenths: AreaTenths,
    equipment: ItemList,
    hasSign: z.boolean(),
    isCentrallyFunded: z.boolean(),
    builtOn: IsoDate.nullable(),
    closedOn: IsoDate.nullable(),
    manager: z.string().trim().max(100).nullable(),
    status: Status,
  })
  .partial()
  .strict();

const SpecCheckResponse = z.object({
  ok: z.boolean(),
  items: z.array(z.object({ key: z.string(), rule: z.string(), ok: z.boolean(), message: z.string() })),
  problems: z.array(z.string()),
});

export const StationResponse = z.object({
  id: z.string(),
  countyCode: z.string(),
  stationNo: z.string(),
  name: z.string(),
  villageCode: z.string(),
  villageName: z.string().nullable(),
  villageKind: z.string().nullable(),
  townshipCode: z.string().nullable(),
  townshipName: z.string().nullable(),
  population: z.number().int().nullable(),
  isPoorVillage: z.boolean(),
  areaTenths: z.number().int().nullable(),
  equipment: z.array(z.string()),
  hasSign: z.boolean(),
  isCentrallyFunded: z.boolean(),
  builtOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  manager: z.string().nullable(),
  status: z.string(),
  isDemo: z.boolean(),
  updatedAt: z.string(),
  inService: z.boolean(),
  spec: SpecCheckResponse,
});

export const StationListQuery = z.object({
  township: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  failing: z.enum(["true", "false"]).optional(),
});

export const StationListResponse = z.object({ total: z.number().int(), items: z.array(StationResponse) });

const Room = z.object({ name: z.string().trim().min(1).max(100), areaTenths: AreaTenths });
const FacilityKind = z.enum(["county_center", "county_warehouse", "township_center"]);

export const FacilityCreateRequest = z.object({
  facilityNo: z.string().trim().min(1).max(50),
  kind: FacilityKind,
  name: z.string().trim().max(100).default(""),
  townshipCode: z
    .string()
    .regex(/^\d{9}$/)
    .nullable()
    .default(null),
  areaTenths: AreaTenths.default(null),
  equipment: ItemList.default([]),
  rooms: z.array(Room).max(50).default([]),
  hasSign: z.boolean().default(false),
  isCentrallyFunded: z.boolean().default(false),
  openedOn: IsoDate.nullable().default(null),
  closedOn: IsoDate.nullable().default(null),
  manager: z.string().trim().max(100).nullable().default(null),
  status: Status.default("open"),
  logisticsRoute: z.string().trim().max(100).nullable().default(null),
  logisticsCompany: z.string().trim().max(100).nullable().default(null),
});

export const FacilityUpdateRequest = z
  .object({
    facilityNo: z.string().trim().min(1).max(50),
    kind: FacilityKind,
    name: z.string().trim().max(100),
    townshipCode: z
      .string()
      .regex(/^\d{9}$/)
      .nullable(),
    areaTenths: AreaTenths,
    equipment: ItemList,
    rooms: z.array(Room).max(50),
    hasSign: z.boolean(),
    isCentrallyFunded: z.boolean(),
    openedOn: IsoDate.nullable(),
    closedOn: IsoDate.nullable(),
    manager: z.string().trim().max(100).nullable(),
    status: Status,
    logisticsRoute: z.string().trim().max(100).nullable(),
    logisticsCompany: z.string().trim().max(100).nullable(),
  })
  .partial()
  .strict();

export const FacilityResponse = z.object({
  id: z.string(),
  countyCode: z.string(),
  facilityNo: z.string(),
  kind: z.string(),
  name: z.string(),
  townshipCode: z.string().nullable(),
  townshipName: z.string().nullable(),
  areaTenths: z.number().int().nullable(),
  equipment: z.array(z.string()),
  rooms: z.array(z.object({ name: z.string(), areaTenths: z.number().int().nullable() })),
  hasSign: z.boolean(),
  isCentrallyFunded: z.boolean(),
  openedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  manager: z.string().nullable(),
  status: z.string(),
  logisticsRoute: z.string().nullable(),
  logisticsCompany: z.string().nullable(),
  isDemo: z.boolean(),
  updatedAt: z.string(),
  inService: z.boolean(),
  spec: SpecCheckResponse,
});

export const FacilityListResponse = z.object({ total: z.number().int(), items: z.array(FacilityResponse) });

// ---------------------------------------------------------------------------------------------
// Coverage planner

export const AsOfQuery = z.object({ asOf: IsoDate.optional() });

export const CoverageQuery = AsOfQuery.extend({
  township: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
});

export const WhatIfRequest = z.object({
  villageCodes: z.array(z.string().regex(/^\d{12}$/)).max(5000),
  township: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  asOf: IsoDate.optional(),
});

const Counts = z.object({
  villages: z.number().int(),
  villagesWithStation: z.number().int(),
  poorVillages: z.number().int(),
  poorVillagesWithStation: z.number().int(),
  villagesWithBroadband: z.number().int(),
  requiredVillages: z.number().int(),
  requiredVillagesWithStation: z.number().int(),
  townships: z.number().int(),
  townshipsWithExpress: z.number().int(),
});

const Target = z.object({
  key: z.string(),
  rule: z.string(),
  numerator: z.number().int(),
  denominator: z.number().int(),
  bp: z.number().int(),
  thresholdBp: z.number().int(),
  ok: z.boolean(),
  shortBy: z.number().int(),
  message: z.string(),
});

export const CoverageResponse = z.object({
  countyCode: z.string(),
  asOf: z.string(),
  townshipCode: z.string().nullable(),
  added: z.array(z.string()),
  counts: Counts,
  targets: z.array(Target),
  townships: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      hasExpressOutlet: z.boolean(),
      counts: Counts,
      targets: z.array(Target),
    }),
  ),
  gaps: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      townshipCode: z.string(),
      townshipName: z.string(),
      population: z.number().int().nullable(),
      isPoor: z.boolean(),
      hasBroadband: z.boolean(),
      pendingStation: z.object({ stationNo: z.string(), status: z.string() }).nullable(),
    }),
  ),
});

/** The county village map (schematic): villages by township, coloured by station status (S2). */
export const VillageMapResponse = z.object({
  countyCode: z.string(),
  asOf: z.string(),
  townships: z.array(z.object({ code: z.string(), name: z.string() })),
  villages: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      townshipCode: z.string(),
      population: z.number().int().nullable(),
      isPoor: z.boolean(),
      status: z.enum(["station", "required", "optional"]),
      station: z
        .object({ id: z.string(), stationNo: z.string(), status: z.string(), inService: z.boolean() })
        .nullable(),
    }),
  ),
});

export const ProvinceCoverageResponse = z.object({
  asOf: z.string(),
  counties: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      counts: Counts,
      targets: z.array(Target),
      stations: z.number().int(),
      stationsInService: z.number().int(),
      stationsFailingSpec: z.number().int(),
      countyCenters: z.number().int(),
      countyWarehouses: z.number().int(),
      townshipCenters: z.number().int(),
      facilitiesFailingSpec: z.number().int(),
      gaps: z.number().int(),
      fundingConflicts: z.array(z.string()),
    }),
  ),
  totals: Counts,
  targets: z.array(Target),
});

export const TownshipExpressParams = z.object({
  code: z.string().regex(/^\d{6}$/),
  township: z.string().regex(/^\d{9}$/),
});
export const TownshipExpressRequest = z.object({ hasExpressOutlet: z.boolean() });
export const TownshipExpressResponse = z.object({
  townshipCode: z.string(),
  hasExpressOutlet: z.boolean(),
});

export const PhotoOwner = z.object({
  ownerKind: z.enum(["station", "facility"]),
  ownerId: z.string().uuid(),
  caption: z.string().max(200).default(""),
});

export const PhotoResponse = z.object({
  id: z.string(),
  ownerKind: z.string(),
  ownerId: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  bytes: z.number().int(),
  caption: z.string(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  url: z.string(),
});
