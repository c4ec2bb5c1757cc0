/**
 * The facts about one county, as of a date, that the acceptance evaluator reads. Each domain
 * produces its part with a use case `<domain>Facts(db, countyCode, asOf)`; the evaluator is a pure
 * function of these facts and the standard. A part is `undefined` while its domain has no data path.
 *
 * Counts of villages always come from the region registry (administrative villages only, rule G1),
 * never from whichever villages a workbook happens to list.
 */

/** A facility checked item by item against its spec (S3–S5). */
export type FacilityCheck = {
  id: string;
  kind: "county_center" | "county_warehouse" | "township_center" | "village_station";
  /** Missing or failing items, in Chinese ("面积 8 m² < 10 m²", "缺少 42寸电视"); empty when it passes. */
  problems: string[];
  centrallyFunded: boolean;
};

/** network: village registry, stations and facilities (A1–A4, S1–S8, F9). */
export type NetworkFacts = {
  villages: number;
  villagesWithStation: number;
  poorVillages: number;
  poorVillagesWithStation: number;
  villagesWithBroadband: number;
  /** Administrative villages of 500+ residents or registered poor without a station (S2). */
  requiredVillagesWithoutStation: number;
  townships: number;
  townshipsWithExpress: number;
  countyCenters: FacilityCheck[];
  countyWarehouses: FacilityCheck[];
  townshipCenters: FacilityCheck[];
  /** Stations that fail S5 (area or equipment), by station id. */
  stationsFailingSpec: FacilityCheck[];
  /** F9 violations: a second centrally funded station in one village, or company on one route. */
  duplicateCentralFunding: string[];
};

/** operations: station months and logistics (B2, B3, O1–O3). */
export type OperationsFacts = {
  /** Operating stations: those with at least one month of data up to asOf. */
  stations: number;
  /** Mean over operating stations of each station's mean monthly online rate, in bp (O1). */
  onlineRateBp: number;
  /** Mean over operating stations of each station's monthly average of agency-purchase orders (O2). */
  avgOrdersPerStationMonth: number;
  /** The same for transaction amount, in fen, floored (O2). */
  avgAmountFenPerStationMonth: number;
  /** Stations whose own monthly averages meet both O2 thresholds. */
  stationsMeetingBoth: number;
  /** Downward (下行) shipments dispatched up to asOf. */
  shipments: number;
  /** Of them, not signed for by 24:00 of asOf with their 7 × 24 h window still open (O3 reading). */
  inTransit: number;
  /** floor(10000 × downward shipments delivered within 7 days / (shipments − inTransit)) (O3). */
  within7DaysBp: number;
  /** Distinct express companies across all shipments (O3: ≥ 2). */
  carriers: number;
  /** Weight classes whose upward fee exceeds the county's benchmark fee (O3), empty when none. */
  upwardFeeAboveBenchmark: string[];
};

/** upward: products, brands, traceability, incubation, training (B4–B8, D2, D3, O5–O9). */
export type UpwardFacts = {
  hasProductSurvey: boolean;
  brands: number;
  regionalBrands: number;
  developedProducts: number;
  circulationStandards: number;
  platformsWithListings: string[];
  /** Incubated shops with annual transactions ≥ 30,000 yuan (O6 reading). */
  incubatedShops: number;
  traceEnterprisesWithSales: number;
  /** Training attendances (人次) up to asOf: one row of the 培训 sheet is one person-time. */
  personTimes: number;
  /** Distinct people (人员编号) trained up to asOf. */
  people: number;
  /** Registered poor households, and those with at least one member trained (O9, D3). */
  poorHouseholds: number;
  poorHouseholdsTrained: number;
  /** Trainees with a follow-up record (O8 after-training service). */
  traineesFollowedUp: number;
};

/** funds: plan, filing, procurement, payments, progress (C3, E3, E4, F3–F8). */
export type FundsFacts = {
  planFiled: boolean;
  planApproved: boolean;
  /** Plan changes after filing that the province has not approved (E3 evidence). */
  unapprovedChanges: number;
  /** Lines with a forbidden use (F4) not cleared with a written reason. */
  forbiddenLines: number;
  /** Payment rule breaches (F7) and charges to stations (F8). */
  paymentProblems: string[];
  /** Payments of central funds in the dedicated ledger (专账) up to asOf (C3). */
  payments: number;
  /** Payments whose invoices by asOf do not cover their amount, each named (C3: missing invoices fail). */
  paymentsMissingInvoice: string[];
  /** Payments or invoices whose text names a forbidden use (F4 on what was paid), each named. */
  forbiddenPayments: string[];
  /** Contracts signed up to asOf, each a project that must stand in the public column (E2, T1). */
  contracts?: { contractNo: string; title: string; contractorName: string }[];
  /** Deliverables done / planned, weighted by amount, in bp (E4). */
  constructionProgressBp: number;
  /** Paid / subsidy, in bp (E4). */
  disbursementProgressBp: number;
};

/** reporting: reports and the public column (E1, E2, R1–R4, T1–T4). */
export type ReportingFacts = {
  reportsExpected: number;
  reportsReceived: number;
  reportsOnTime: number;
  liaisonsFiled: boolean;
  /** Transparency items (T1–T3) missing from the public column, as it stood on asOf. */
  columnItemsMissing: string[];
  /** The column's projects as they stood on asOf, to match against the contracts (E2). */
  columnProjects?: { name: string; contractNo: string | null; contractorName: string }[];
};

/** 年度指标 of one year (rule K7): a year not yet over holds the figures of the same period. */
export type YearFigures = {
  year: number;
  /** 电子商务交易额 (D1, G2). */
  transactionsFen: number;
  /** 农村网络零售额 (G2). */
  ruralRetailFen: number;
  /** 农产品网络零售额 (D2, G3). */
  agriRetailFen: number;
  /** 带动就业(人) (D2). */
  jobs: number;
};

/** outcomes: year figures and the records of K3–K7 (C1, C2, C4, C5, D1–D4). */
export type OutcomesFacts = {
  /** Every year on record up to the as-of year. */
  years: YearFigures[];
  /** Registered poor households' online sales up to the as-of month (O9, D3). */
  poorSales: { households: number; quantity: number; amountFen: number; incomeGainFen: number };
  /** Staff of the center, warehouses and stations at the as-of date, and the registered poor among them (K5). */
  staffing: { staff: number; poorStaff: number };
  /** Leading group (K3, C1). */
  leadingGroup: { members: number; headedByCountyHead: boolean };
  jointMeetings: number;
  decisions: number;
  decisionsFollowedUp: number;
  /** The county's own on-site inspections, and visits by the city or province (K3, C2). */
  inspections: number;
  supervisionVisits: number;
  /** Inspection findings not yet rectified. */
  findingsOpen: number;
  /** Photos uploaded to those inspections and visits (C2 evidence). */
  inspectionPhotos: number;
  /** K4, C5. */
  typicalCases: number;
  casesReportedUpward: number;
  researchReports: number;
  recognitions: number;
  /** Traditional enterprises with all four of inventory, purchasing, online sales, statistics (D4). */
  upgradedEnterprises: number;
  enterprisesPartlyUpgraded: number;
  /** Promotion policies, market-order supervision and credit evaluation records (C4). */
  marketRecords: { policies: number; supervision: number; creditEvaluations: number };
  /** Products on the poverty-alleviation channel, and 基地+社区直供 links (K5, K6). */
  channelListings: number;
  directSupplyLinks: number;
};

export type CountyFacts = {
  countyCode: string;
  asOf: string;
  network?: NetworkFacts;
  operations?: OperationsFacts;
  upward?: UpwardFacts;
  funds?: FundsFacts;
  reporting?: ReportingFacts;
  outcomes?: OutcomesFacts;
  /** Unexplained data-quality flags raised against the county's data (E5 leads, never a verdict). */
  openDataQualityFlags?: string[];
  /** Flags the county explained in writing (核实说明): still leads for the assessor to weigh. */
  explainedDataQualityFlags?: string[];
  /**
   * The day the county's acceptance is judged (E4): the M4 date, or the county's own acceptance
   * (the assessor's sign-off) if earlier. Undefined: judged whatever the as-of date.
   */
  acceptanceOn?: string;
};
