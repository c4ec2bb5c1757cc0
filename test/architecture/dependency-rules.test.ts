/**
 * The dependency rules of the code base (README, "Map of the folders"), checked on every import:
 * - platform plumbing never imports a domain;
 * - rules are pure: no server, no web, no I/O module;
 * - the web never imports the server;
 * - a domain imports another domain only through that domain's `index.ts`.
 * Imports are read with TypeScript's own pre-processor (comments and strings are no trouble).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const SRC = join(ROOT, "src");
const SERVER = "src/server/";
/** Server folders that are not domains: the plumbing, and the composition root that wires domains. */
const NOT_DOMAINS = new Set(["platform", "migrations"]);
const COMPOSITION_ROOT = new Set(["src/server/app.ts", "src/server/domains.ts", "src/server/setup.ts"]);
/** Node and npm modules that do I/O: a rule may import none of them. */
const IO_MODULES =
  /^(node:)?(fs|fs\/promises|net|http|https|http2|child_process|worker_threads|dgram|dns|tls|cluster|os)$|^(better-sqlite3|pg|kysely|exceljs|fastify|docx)(\/|$)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

type Import = { from: string; specifier: string; target?: string };

/** Every import of every file under src/, with the repository-relative path of local targets. */
function allImports(): Import[] {
  return sourceFiles(SRC).flatMap((file) => {
    const from = relative(ROOT, file);
    const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
    return importedFiles.map(({ fileName: specifier }) => {
      if (!specifier.startsWith(".")) return { from, specifier };
      const target = relative(ROOT, resolve(dirname(file), specifier)).replace(/\.(js|ts|tsx)$/, "");
      return { from, specifier, target };
    });
  });
}

/** `src/server/<domain>/…` → the domain's name (undefined outside the domains). */
function domainOf(path: string): string | undefined {
  if (!path.startsWith(SERVER)) return undefined;
  const [first, ...rest] = path.slice(SERVER.length).split("/");
  if (!rest.length || NOT_DOMAINS.has(first!)) return undefined;
  return first;
}

const imports = allImports();
const show = (list: Import[]) => list.map((i) => `${i.from} → ${i.specifier}`);

describe("dependency rules", () => {
  it("reads the imports of the whole source tree", () => {
    expect(imports.length).toBeGreaterThan(500);
    expect(imports.some((i) => i.target === "src/rules/money")).toBe(true);
  });

  it("platform never imports a domain", () => {
    const bad = imports.filter(
      (i) =>
        i.from.startsWith(`${SERVER}platform/`) &&
        i.target &&
        (domainOf(i.target) || COMPOSITION_ROOT.has(`${i.target}.ts`)),
    );
    expect(show(bad)).toEqual([]);
  });

  it("rules import neither the server, the web nor an I/O module", () => {
    const bad = imports.filter(
      (i) =>
        i.from.startsWith("src/rules/") &&
        !/\.test\.ts$/.test(i.from) &&
        (i.target?.startsWith("src/server/") ||
          i.target?.startsWith("src/web/") ||
          IO_MODULES.test(i.specifier)),
    );
    expect(show(bad)).toEqual([]);
  });

  it("the web never imports the server", () => {
    const bad = imports.filter((i) => i.from.startsWith("src/web/") && i.target?.startsWith("src/server/"));
    expect(show(bad)).toEqual([]);
  });

  it("a domain reaches another domain only through its index.ts", () => {
    const bad = imports.filter((i) => {
      const own = domainOf(i.from);
      const other = i.target && domainOf(i.target);
      if (!own || !other || own === other) return false;
      return i.target !== `${SERVER}${other}/index` && i.target !== `${SERVER}${other}`;
    });
    expect(show(bad)).toEqual([]);
  });

  it("catches a violation (the check itself can fail)", () => {
    expect(domainOf("src/server/funds/record-payment.ts")).toBe("funds");
    expect(domainOf("src/server/platform/db/database.ts")).toBeUndefined();
    expect(domainOf("src/server/app.ts")).toBeUndefined();
  });
});
