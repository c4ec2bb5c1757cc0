/** The health check: the process answers and the database answers a trivial query. */
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import type { Db } from "../db/database";
import { errorBody, languageOf } from "./errors";

export async function healthRoutes(app: FastifyInstance, { db }: { db: Db }) {
  app.get(
    "/api/v1/health",
    { schema: { tags: ["platform"], summary: "健康检查（含数据库）" }, config: { access: "public" } },
    async (request, reply) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        // An unreachable server can leave a connection attempt hanging: answer within seconds.
        const late = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error("no answer within 3 s")), 3000);
        });
        await Promise.race([sql`select 1`.execute(db.db), late]);
      } catch (err) {
        request.log.error({ err }, "health check: database unreachable");
        const zh = languageOf(request.headers["accept-language"]) === "zh";
        return reply
          .status(503)
          .send(errorBody("database_unavailable", zh ? "数据库不可用" : "The database is unreachable"));
      } finally {
        clearTimeout(timer);
      }
      return { status: "ok" };
    },
  );
}
