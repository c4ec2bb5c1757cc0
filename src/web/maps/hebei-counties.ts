/**
 * Hebei's county boundaries (reference/maps/13-counties.json, provenance and licence in its README),
 * a file of the build fetched from this server the first time a map is drawn and registered with echarts once.
 */
import { registerMap } from "echarts/core";
// The URL of the file Vite copies into the build (no parsing, no inlining): fetched on first use.
import countiesUrl from "../../../reference/maps/13-counties.json?url";

export type CountyFeature = {
  type: "Feature";
  properties: { code: string; name: string };
  geometry: unknown;
};

export type CountyCollection = {
  type: "FeatureCollection";
  /** Where the shapes come from, shown in the map's caption. */
  source: string;
  licence: string;
  features: CountyFeature[];
};

let loading: Promise<CountyCollection> | undefined;

/** The province's 167 county-level units, keyed by their 6-digit division code. */
export function loadHebeiCounties(): Promise<CountyCollection> {
  loading ??= fetch(countiesUrl)
    .then((response) => {
      if (!response.ok) throw new Error(`${countiesUrl}: HTTP ${response.status}`);
      return response.json() as Promise<CountyCollection>;
    })
    .catch((error) => {
      loading = undefined;
      throw error;
    });
  return loading;
}

const registered = new Set<string>();

/**
 * Registers the counties whose code starts with `prefix` ("13" the province, "1305" 邢台市) as the
 * echarts map `hebei-<prefix>` and returns its name.
 */
export async function registerCountyMap(prefix: string): Promise<string> {
  const name = `hebei-${prefix}`;
  if (registered.has(name)) return name;
  const all = await loadHebeiCounties();
  const features = all.features.filter((f) => f.properties.code.startsWith(prefix));
  registerMap(name, { type: "FeatureCollection", features } as unknown as Parameters<typeof registerMap>[1]);
  registered.add(name);
  return name;
}
