/**
 * What a domain folder hands to the app: its migrations, routes, workbook sheets and demo data.
 * The app composes the list in src/server/domains.ts; platform code never imports a domain.
 */
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import type { Migration } from "kysely";
import type { CountyFacts } from "../../rules/acceptance/facts";
import type { ReadCache } from "./cache/read-cache";
import type { Db } from "./db/database";
import type { AnySheetHandler } from "./workbook/sheet-handler";

export type DemoContext = {
  /** The demonstration counties present in the database, in code order. */
  counties: { code: string; name: string }[];
  /** A county's facts as of a date, from every domain's demo loaded so far (the acceptance demo reads them). */
  countyFacts?: (countyCode: string, asOf: string) => Promise<CountyFacts>;
};

/** A domain's part of the facts the acceptance evaluator reads (its key of CountyFacts). */
export type FactsProvider = (
  db: Db,
  countyCode: string,
  asOf: string,
) => Promise<Partial<Omit<CountyFacts, "countyCode" | "asOf">>>;

/** What every domain's routes receive. */
export type RouteContext = {
  db: Db;
  /** All domains' facts about a county as of a date (for the scorecard and dashboards). */
  countyFacts: (countyCode: string, asOf: string) => Promise<CountyFacts>;
  /** Read models stamped with their counties' data versions (roll-ups that are costly to compute). */
  readCache: ReadCache;
};

export type DomainModule = {
  name: string;
  /** Named with an ISO date prefix; never edited after they land. */
  migrations?: Record<string, Migration>;
  routes?: (app: FastifyInstance, context: RouteContext) => Promise<void>;
  /** Starts the domain's background work when the server is ready; the returned function stops it on close. */
  start?: (context: RouteContext, log: FastifyBaseLogger) => () => Promise<void>;
  /** County workbook sheets, committed in the order of the domain list, then of this array. */
  sheets?: AnySheetHandler[];
  /** Loads this domain's part of the synthetic demo data set (deterministic, marked as demo). */
  demo?: (db: Db, context: DemoContext) => Promise<void>;
  /** Per-connection set-up of an opened database (e.g. statement reuse), for server, CLI and bench. */
  open?: (db: Db) => void;
  /** This domain's facts for the acceptance scorecard. */
  facts?: FactsProvider;
  /** Whether those facts read the counties' machine feeds (device ingest), see platform/cache. */
  factsReadFeeds?: boolean;
};
