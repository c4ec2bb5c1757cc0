/**
 * What a domain folder hands to the app: its migrations, routes, workbook sheets and demo data.
 * The app composes the list in src/server/domains.ts; platform code never imports a domain.
 */
import type { FastifyInstance } from "fastify";
import type { Migration } from "kysely";
import type { Db } from "./db/database";
import type { AnySheetHandler } from "./workbook/sheet-handler";

export type DemoContext = {
  /** The demonstration counties present in the database, in code order. */
  counties: { code: string; name: string }[];
};

export type DomainModule = {
  name: string;
  /** Named with an ISO date prefix; never edited after they land. */
  migrations?: Record<string, Migration>;
  routes?: (app: FastifyInstance, options: { db: Db }) => Promise<void>;
  /** County workbook sheets, committed in the order of the domain list, then of this array. */
  sheets?: AnySheetHandler[];
  /** Loads this domain's part of the synthetic demo data set (deterministic, marked as demo). */
  demo?: (db: Db, context: DemoContext) => Promise<void>;
};
