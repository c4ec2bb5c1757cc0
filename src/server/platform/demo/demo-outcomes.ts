/**
 * The demo data set's design for acceptance (issue 8): as of 2018-10-31 the demonstration counties
 * spread across the outcomes. Each domain's demo generator asks `isExemplaryDemoCounty` and, for
 * those counties, produces data that meets every rule it checks; elsewhere its own deterministic
 * spread applies, so most counties fail an item or two.
 */

export type DemoOutcome =
  /** Every data-decided item passes and the assessor passed the rest: verdict `passed`. */
  | "passed"
  /** Data passes, but the public column misses an item: verdict `vetoed` (E2). */
  | "vetoed_e2"
  /** The assessor has not decided yet: verdict `incomplete`. */
  | "awaiting_assessor"
  /** Reports on time, but the domains' own spread fails an item or two: verdict `failed`. */
  | "failed"
  /** The domains' own spread decides, late reports included: mostly vetoed for E1. */
  | "spread";

const DESIGN: Record<string, DemoOutcome> = {
  "130881": "passed", // 平泉市
  "131124": "passed", // 饶阳县
  "130705": "vetoed_e2", // 宣化区
  "130529": "awaiting_assessor", // 巨鹿县
  "130533": "failed", // 威县
  "130623": "failed", // 涞水县
  "130722": "failed", // 张北县
};

export function demoOutcome(countyCode: string): DemoOutcome {
  return DESIGN[countyCode] ?? "spread";
}

/** Counties whose demo data meets every rule (the passed and the E2-vetoed ones). */
export function isExemplaryDemoCounty(countyCode: string): boolean {
  const outcome = demoOutcome(countyCode);
  return outcome === "passed" || outcome === "vetoed_e2";
}

/** Counties whose demo reports all arrive complete and on time (E1 clear). */
export function reportsOnTimeInDemo(countyCode: string): boolean {
  return demoOutcome(countyCode) !== "spread";
}
