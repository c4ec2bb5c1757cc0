/** The program's fixed facts (rule P1): the 2017 batch of Hebei demonstration counties. */

/** 每县补助资金1500万元 — central subsidy per county, in fen (rule P1). */
export const SUBSIDY_PER_COUNTY_FEN = 1_500_000_000;

export type DemonstrationCountyFact = { code: string; name: string; batch: number; subsidyFen: number };

// Short names from the work plan, current GB/T 2260 codes (平泉 is now 平泉市, 宣化 is 宣化区).
const BATCH_2017: [code: string, name: string][] = [
  ["130727", "阳原县"],
  ["130826", "丰宁满族自治县"],
  ["130825", "隆化县"],
  ["130630", "涞源县"],
  ["130724", "沽源县"],
  ["130722", "张北县"],
  ["130725", "尚义县"],
  ["130881", "平泉市"],
  ["130131", "平山县"],
  ["130623", "涞水县"],
  ["131124", "饶阳县"],
  ["130522", "临城县"],
  ["130529", "巨鹿县"],
  ["130533", "威县"],
  ["130705", "宣化区"],
  ["130425", "大名县"],
  ["130434", "魏县"],
];

export const DEMONSTRATION_COUNTIES_2017: readonly DemonstrationCountyFact[] = BATCH_2017.map(
  ([code, name]) => ({ code, name, batch: 2017, subsidyFen: SUBSIDY_PER_COUNTY_FEN }),
);

export const COUNTY_STATUSES = ["selected", "implementing", "accepted", "failed"] as const;
export type CountyStatus = (typeof COUNTY_STATUSES)[number];
