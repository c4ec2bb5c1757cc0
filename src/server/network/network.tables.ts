/** Tables of the service network domain (村庄 registry; stations and facilities come later). */

/** County-owned attributes of a village-level unit (村庄 sheet). */
export type VillageTable = {
  county_code: string;
  code: string;
  population: number | null;
  is_poor: number | null;
  has_broadband: number | null;
  /** JSON array of field names whose value is synthetic demo data. */
  demo_fields: string;
  updated_at: string;
};

export type NetworkTables = {
  villages: VillageTable;
};
