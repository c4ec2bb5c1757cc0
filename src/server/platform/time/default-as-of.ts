/**
 * The as-of date pages open on: today in China time, or, where the synthetic demo data set (of
 * 2017–2018) is loaded, the demo's acceptance day, so that a visitor does not see the 2018
 * program counted thousands of days overdue. Pages say which it is.
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Db } from "../db/database";
import { chinaDate } from "./china-time";

/** The M4 acceptance deadline of the 2017 batch, the day the demo data set is designed around. */
export const DEMO_AS_OF = "2018-10-31";

export type DefaultAsOf = { asOf: string; today: string; reason: "today" | "demo" };

export async function defaultAsOf(db: Db, today: string = chinaDate()): Promise<DefaultAsOf> {
  const demo = await db.db
    .selectFrom("meta")
    .select("value")
    .where("key", "=", "demo_loaded_at")
    .executeTakeFirst();
  return demo ? { asOf: DEMO_AS_OF, today, reason: "demo" } : { asOf: today, today, reason: "today" };
}

export async function defaultAsOfRoutes(app: FastifyInstance, { db }: { db: Db }) {
  app.get(
    "/api/v1/default-as-of",
    {
      schema: {
        tags: ["platform"],
        summary: "页面默认基准日：今天（中国时间），已载入演示数据时为 2018-10-31",
        response: {
          200: z.object({ asOf: z.string(), today: z.string(), reason: z.enum(["today", "demo"]) }),
        },
      },
      config: { access: "public" },
    },
    async () => defaultAsOf(db),
  );
}
