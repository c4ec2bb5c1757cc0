/**
 * The domains of the app, in dependency order: their migrations run, their routes register and
 * their workbook sheets commit in this order (村庄 before 站点 before 站点月报 …).
 */
import type { Migration } from "kysely";
import type { CountyFacts } from "../rules/acceptance/facts";
import { acceptanceModule } from "./acceptance/index";
import { calendarModule } from "./calendar/index";
import { countiesModule } from "./counties/index";
import { contractCategoriesOf, fundsModule } from "./funds/index";
import { landingModule } from "./landing/index";
import { migrations as platformMigrations } from "./migrations/index";
import { networkModule } from "./network/index";
import { operationsModule } from "./operations/index";
import { organizationsModule } from "./organizations/index";
import { outcomesModule } from "./outcomes/index";
import type { Principal } from "./platform/auth/roles";
import type { Db } from "./platform/db/database";
import type { DomainModule, FactsProvider } from "./platform/domain";
import { SheetRegistry } from "./platform/workbook/sheet-handler";
import { procedureModule } from "./procedure/index";
import { reportingModule } from "./reporting/index";
import { stationsAppModule } from "./stations-app/index";
import { todoModule } from "./todo/index";
import { upwardModule } from "./upward/index";

export const DOMAINS: readonly DomainModule[] = [
  countiesModule,
  organizationsModule,
  networkModule,
  calendarModule,
  fundsModule,
  operationsModule,
  stationsAppModule,
  upwardModule,
  outcomesModule,
  reportingModule,
  acceptanceModule,
  procedureModule,
  todoModule,
  landingModule,
];

/** Platform and domain migrations together; Kysely runs them in name (ISO date) order. */
export function allMigrations(): Record<string, Migration> {
  const all: Record<string, Migration> = { ...platformMigrations };
  for (const domain of DOMAINS) {
    for (const [name, migration] of Object.entries(domain.migrations ?? {})) {
      if (all[name]) throw new Error(`migration ${name} is declared twice`);
      all[name] = migration;
    }
  }
  return all;
}

/** Every domain's set-up of an opened database; call once after openDatabase. */
export function prepareDatabase(db: Db): void {
  for (const domain of DOMAINS) domain.open?.(db);
}

/** The county workbook's sheets, in commit order. */
export function buildSheetRegistry(): SheetRegistry {
  const registry = new SheetRegistry();
  for (const domain of DOMAINS) for (const sheet of domain.sheets ?? []) registry.register(sheet);
  return registry;
}

/**
 * The sheets a contractor's account may import for a county: those whose fund categories its
 * organization's contracts there cover (站点月报 for the village stations' contractor, 培训 for the
 * training contractor …). An account without an organization, or without a contract, none.
 */
export async function contractorSheets(
  db: Db,
  registry: SheetRegistry,
  principal: Principal,
  countyCode: string,
): Promise<string[]> {
  const user = await db.db
    .selectFrom("users")
    .select("organization_id")
    .where("id", "=", principal.id)
    .executeTakeFirst();
  if (!user?.organization_id) return [];
  const categories = await contractCategoriesOf(db.db, user.organization_id, countyCode);
  return registry
    .all()
    .filter((h) => h.contractorCategories?.some((c) => categories.has(c)))
    .map((h) => h.sheet);
}

/** A domain's part of a county's facts; the app passes one that caches (see app.ts). */
export type FactsPartOf = (domain: DomainModule & { facts: FactsProvider }) => ReturnType<FactsProvider>;

/** Every domain's facts about a county as of a date, merged for the evaluator. */
export async function gatherCountyFacts(
  db: Db,
  countyCode: string,
  asOf: string,
  partOf: FactsPartOf = (domain) => domain.facts(db, countyCode, asOf),
): Promise<CountyFacts> {
  const facts: CountyFacts = { countyCode, asOf };
  for (const domain of DOMAINS) {
    if (!domain.facts) continue;
    const { openDataQualityFlags, explainedDataQualityFlags, ...part } = await partOf(
      domain as DomainModule & { facts: FactsProvider },
    );
    Object.assign(facts, part);
    // Several domains may raise data-quality flags (E5 leads): keep them all.
    if (openDataQualityFlags?.length) {
      facts.openDataQualityFlags = [...(facts.openDataQualityFlags ?? []), ...openDataQualityFlags];
    }
    if (explainedDataQualityFlags?.length) {
      facts.explainedDataQualityFlags = [
        ...(facts.explainedDataQualityFlags ?? []),
        ...explainedDataQualityFlags,
      ];
    }
  }
  return facts;
}
