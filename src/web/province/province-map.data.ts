/** The province map's figures: each county's verdict (where the reader may see it) and A3 coverage. */
import type { CountyAcceptanceSummary } from "../acceptance/acceptance.api";
import { fetchProvinceAcceptance } from "../acceptance/acceptance.api";
import { ApiError } from "../api/client";
import type { CountySummary } from "../api/types";
import { fetchProvinceCoverage } from "../network/network.api";
import type { ProvinceMapCounty } from "./ProvinceMap";

/** A figure the reader's role may not read is left out (403), not an error of the page. */
async function unlessForbidden<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return null;
    throw error;
  }
}

export async function loadProvinceMap(
  counties: CountySummary[],
  asOf: string,
  signal: AbortSignal,
): Promise<ProvinceMapCounty[]> {
  const [acceptance, coverage] = await Promise.all([
    unlessForbidden(fetchProvinceAcceptance(asOf, signal)),
    unlessForbidden(fetchProvinceCoverage(signal)),
  ]);
  const verdicts = new Map<string, CountyAcceptanceSummary>(
    (acceptance?.counties ?? []).map((c) => [c.code, c]),
  );
  const networks = new Map((coverage?.counties ?? []).map((c) => [c.code, c]));
  return counties.map((c) => {
    const verdict = verdicts.get(c.code);
    const villages = networks.get(c.code)?.targets.find((t) => t.key === "villages");
    return {
      code: c.code,
      name: c.name,
      status: c.status,
      verdict: verdict?.verdict ?? null,
      signedOn: verdict?.signoff?.signedAt.slice(0, 10) ?? null,
      coverage: villages
        ? {
            bp: villages.bp,
            withStation: villages.numerator,
            villages: villages.denominator,
            thresholdBp: villages.thresholdBp,
          }
        : null,
    };
  });
}
