/**
 * Region rules: division code shapes and the village/residents' committee split (rule G1).
 * Pure: no I/O, runs in Node and in the browser.
 */

/** Levels of the statistical division tree; the code length identifies the level. */
export type RegionLevel = "province" | "city" | "county" | "township" | "village";

const LEVEL_BY_LENGTH: Record<number, RegionLevel> = {
  2: "province",
  4: "city",
  6: "county",
  9: "township",
  12: "village",
};

/** Level of a short (significant-digit) division code: 13, 1305, 130533, 130533100, 130533100201. */
export function regionLevel(code: string): RegionLevel | undefined {
  return /^\d+$/.test(code) ? LEVEL_BY_LENGTH[code.length] : undefined;
}

/** Parent of a short code, or undefined for a province. */
export function parentCode(code: string): string | undefined {
  const cuts: Record<number, number> = { 4: 2, 6: 4, 9: 6, 12: 9 };
  const cut = cuts[code.length];
  return cut === undefined ? undefined : code.slice(0, cut);
}

/** The 12-digit statistical form of a short code (130533 → 130533000000). */
export function fullCode(code: string): string {
  return code.padEnd(12, "0");
}

/** The short form of a 12-digit statistical code (130533000000 → 130533). */
export function shortCode(code12: string): string {
  if (!/^\d{12}$/.test(code12)) return code12;
  if (code12.endsWith("0000000000")) return code12.slice(0, 2);
  if (code12.endsWith("00000000")) return code12.slice(0, 4);
  if (code12.endsWith("000000")) return code12.slice(0, 6);
  if (code12.endsWith("000")) return code12.slice(0, 9);
  return code12;
}

/** Whether `code` lies in the region `scope` (both short codes): a prefix test. */
export function isWithin(code: string, scope: string): boolean {
  return code.startsWith(scope);
}

/** 村民委员会 (administrative village) or 居民委员会 (urban residents' committee). */
export type VillageKind = "village_committee" | "residents_committee";

// Name patterns, checked in this order: "东沟社区村民委员会" is a village committee, so the
// village-committee suffixes win over 社区.
const VILLAGE_NAME = /(村民委员会|村委会|村民委会|民委会|生产队|大队|村)$/;
const RESIDENTS_NAME = /(居民委员会|居委会|社区|生活区|管理区|居)$/;

/**
 * Rule G1: the name decides whether a village-level unit is an administrative village.
 * Only when the name says neither does the code's conventional range decide
 * (last three digits 200–399 → village committee).
 */
export function villageKind(name: string, code12: string): VillageKind {
  const trimmed = name.trim();
  if (/(村民委员会|村委会)/.test(trimmed)) return "village_committee";
  if (/(居民委员会|居委会)/.test(trimmed)) return "residents_committee";
  if (VILLAGE_NAME.test(trimmed)) return "village_committee";
  if (RESIDENTS_NAME.test(trimmed)) return "residents_committee";
  const tail = Number(code12.slice(9, 12));
  return tail >= 200 && tail <= 399 ? "village_committee" : "residents_committee";
}
