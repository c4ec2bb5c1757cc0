/** Calls of the upward area (products going up, people trained): shapes as /api/v1 returns them. */
import type {
  FollowupKind,
  OwnerCategory,
  Platform,
  ShopService,
  TraceStep,
  TrainingCategory,
} from "../../rules/upward";
import { api } from "../api/client";

type Finding = { rule: string; zh: string; en: string };
export type Check = { met: boolean; findings: Finding[] };

export type UpwardSummary = {
  asOf: string;
  facts: {
    hasProductSurvey: boolean;
    brands: number;
    regionalBrands: number;
    developedProducts: number;
    circulationStandards: number;
    platformsWithListings: string[];
    incubatedShops: number;
    traceEnterprisesWithSales: number;
    personTimes: number;
    people: number;
    poorHouseholds: number;
    poorHouseholdsTrained: number;
    traineesFollowedUp: number;
  };
  checks: { products: Check; traceability: Check; training: Check; poorHouseholds: Check };
};

type CategoryCounts = { personTimes: number; people: number; poorPersonTimes: number };
export type TrainingSummary = {
  asOf: string;
  personTimes: number;
  people: number;
  byCategory: Record<TrainingCategory, CategoryCounts>;
  volume: { met: boolean; threshold: number };
  poorHouseholds: number;
  poorHouseholdsTrained: number;
  poorTrainingRateBp: number;
  poorTraining: { met: boolean; threshold: number };
  traineesFollowedUp: number;
  findings: Finding[];
};

export type Course = {
  code: string;
  category: TrainingCategory;
  firstDate: string;
  lastDate: string;
  personTimes: number;
  people: number;
  poorPersonTimes: number;
  title: string | null;
  audiences: string[];
  institution: string | null;
  hours: number | null;
  isDemo: boolean;
};

export type Page<T> = { total: number; page: number; pageSize: number; items: T[] };

export type Attendance = {
  id: string;
  courseCode: string;
  date: string;
  category: TrainingCategory;
  person: string;
  isPoor: boolean;
  household: string | null;
  isDemo: boolean;
};

export type VillageCoverage = {
  villageCode: string;
  villageName: string;
  townshipName: string;
  households: number;
  trained: number;
  rateBp: number;
};

export type FollowupStats = {
  asOf: string;
  periods: { period: string; records: Record<FollowupKind, number>; people: number }[];
};

export type Brand = {
  id: string;
  name: string;
  isRegional: boolean;
  owner: string;
  trademarkNo: string | null;
  registeredOn: string | null;
  isDemo: boolean;
};
export type DevelopedProduct = {
  id: string;
  name: string;
  brandId: string | null;
  standard: string;
  packaging: string;
  grade: string;
  priceFen: number;
  unit: string;
  launchedOn: string | null;
  isDemo: boolean;
};
export type CirculationStandard = {
  id: string;
  number: string;
  title: string;
  issuedOn: string;
  documentRef: string;
  isDemo: boolean;
};
export type Listing = {
  id: string;
  productId: string | null;
  platform: Platform;
  platformName: string | null;
  shopName: string;
  shopUrl: string;
  monthlySalesFen: number;
  listedOn: string | null;
  isDemo: boolean;
};
export type Survey = { id: string; title: string; surveyedOn: string; documentRef: string; isDemo: boolean };
export type Shop = {
  id: string;
  name: string;
  ownerCategories: OwnerCategory[];
  platform: Platform;
  platformName: string | null;
  shopUrl: string;
  openedOn: string;
  services: ShopService[];
  monthlyTransactionsFen: number;
  annualTransactionsFen: number;
  isIncubated: boolean;
  isDemo: boolean;
};
export type NewShop = Omit<Shop, "id" | "isIncubated" | "isDemo">;

export type TraceBatch = {
  id: string;
  code: string;
  enterpriseName: string;
  productName: string;
  lot: string;
  quantity: number;
  unit: string;
  events: number;
  isDemo: boolean;
  createdAt: string;
};
export type TraceEvent = {
  id: string;
  step: TraceStep;
  eventTime: string;
  quantity: number | null;
  unit: string | null;
  inspection: { item: string; result: "pass" | "fail"; agency: string; reportNo: string } | null;
  note: string;
  voidsEventId: string | null;
  errorReason: string | null;
  voidedBy: string | null;
};

const county = (code: string) => `/counties/${code}`;

export const upwardApi = {
  summary: (code: string, asOf: string, signal?: AbortSignal) =>
    api.get<UpwardSummary>(`${county(code)}/upward/summary`, { query: { asOf }, signal }),
  trainingSummary: (code: string, asOf: string, signal?: AbortSignal) =>
    api.get<TrainingSummary>(`${county(code)}/training/summary`, { query: { asOf }, signal }),
  courses: (code: string, signal?: AbortSignal) =>
    api.get<{ items: Course[] }>(`${county(code)}/training/courses`, { signal }),
  attendances: (
    code: string,
    query: { page: number; pageSize: number; course?: string },
    signal?: AbortSignal,
  ) => api.get<Page<Attendance>>(`${county(code)}/training/attendances`, { query, signal }),
  coverage: (code: string, asOf: string, signal?: AbortSignal) =>
    api.get<{ asOf: string; villages: VillageCoverage[] }>(`${county(code)}/poor-households/coverage`, {
      query: { asOf },
      signal,
    }),
  followupStats: (code: string, period: string, asOf: string, signal?: AbortSignal) =>
    api.get<FollowupStats>(`${county(code)}/training/followups/stats`, { query: { period, asOf }, signal }),
  addFollowup: (code: string, body: { personId: string; date: string; kind: FollowupKind; note: string }) =>
    api.post<{ id: string; person: string }>(`${county(code)}/training/followups`, body),
  roster: <T>(code: string, path: string, signal?: AbortSignal) =>
    api.get<{ items: T[] }>(`${county(code)}/${path}`, { signal }),
  create: <T>(code: string, path: string, body: unknown) => api.post<T>(`${county(code)}/${path}`, body),
  batches: (code: string, signal?: AbortSignal) =>
    api.get<{ items: TraceBatch[] }>(`${county(code)}/trace/batches`, { signal }),
  batch: (code: string, id: string, signal?: AbortSignal) =>
    api.get<{ batch: TraceBatch; events: TraceEvent[] }>(`${county(code)}/trace/batches/${id}`, { signal }),
};

/** The .xlsx export of a roster (a plain link: the session cookie goes along). */
export const exportUrl = (code: string, path: string) => `/api/v1/counties/${code}/${path}.xlsx`;
