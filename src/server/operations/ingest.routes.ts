/**
 * `POST /api/v1/ingest/{orders|shipments|uptime}`: machines send up to 5,000 records a request
 * with `Authorization: Bearer <token>`. The token is checked before the body is read, so an
 * unauthenticated caller cannot make the server parse 8 MiB. The answer names each bad record by
 * index; the good ones are stored.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { RouteContext } from "../platform/domain";
import { AppError, languageOf } from "../platform/http/errors";
import { ingestBatch } from "./ingest-batch";
import { findIngestCaller, type IngestCaller, type IngestKind } from "./ingest-tokens.repository";
import { IngestParams, IngestRequest, IngestResponse } from "./operations.schema";

/** 5,000 records of a few hundred bytes each; the app's 1 MiB limit holds everywhere else. */
export const INGEST_BODY_LIMIT = 8 * 1024 * 1024;

const invalidToken = () =>
  new AppError(401, "invalid_token", {
    zh: "缺少或无效的数据接口令牌（Authorization: Bearer …）",
    en: "Missing or invalid ingest token (Authorization: Bearer …)",
  });

export async function ingestRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const callers = new WeakMap<FastifyRequest, IngestCaller>();

  api.post(
    "/api/v1/ingest/:kind",
    {
      bodyLimit: INGEST_BODY_LIMIT,
      schema: {
        tags: ["operations"],
        summary: "机器数据接入（订单、物流、设备在线）：每次至多 5000 条，按来源编号幂等",
        params: IngestParams,
        body: IngestRequest,
        response: { 200: IngestResponse },
      },
      config: { access: "ingest_token" },
      onRequest: async (request) => {
        const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "");
        const caller = match ? await findIngestCaller(db.db, match[1]!) : undefined;
        if (!caller) throw invalidToken();
        const kind = (request.params as { kind?: string }).kind as IngestKind;
        if (caller.kinds && !caller.kinds.has(kind)) {
          throw new AppError(403, "forbidden", {
            zh: `该令牌无权提交“${kind}”类数据`,
            en: `This token may not send ${kind} records`,
          });
        }
        callers.set(request, caller);
      },
    },
    async (request) => {
      const caller = callers.get(request);
      if (!caller) throw invalidToken();
      const lang = languageOf(request.headers["accept-language"]);
      const result = await ingestBatch({ db, caller, kind: request.params.kind, records: request.body });
      return {
        ...result,
        rejected: result.rejected.map((r) => ({ index: r.index, reason: r.reason[lang] })),
      };
    },
  );
}
