/** Comments and complaints (T2) sent through the column's public windows: the handlers' list and replies. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { requireAdminister, requirePrincipal, requireRead } from "../../platform/auth/http-auth";
import { canRead } from "../../platform/auth/roles";
import type { RouteContext } from "../../platform/domain";
import { actorOf } from "../../platform/http/request-context";
import { asSeenBy, listPublicMessages } from "../public/public-messages.repository";
import { replyPublicMessage } from "../public/reply-public-message";
import {
  MessageListQuery,
  MessageResponse,
  RegionIdParams,
  RegionParams,
  ReplyRequest,
} from "./column.schema";

/** The sender's contact details go only to those who handle the messages (roles.ts). */
const COMPLAINANT_FIELDS = { contactName: "complaint_handler", contactPhone: "complaint_handler" };

export async function columnMessageRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  /** Reads need the region; writes need to administer it (county admin, or province for its zone). */
  const reader = (request: FastifyRequest, code: string) => requireRead(request, code);
  const writer = (request: FastifyRequest, code: string) => requireAdminister(request, code);

  // --- comments and complaints (T2) ---------------------------------------------------------------

  api.get(
    "/api/v1/columns/:code/messages",
    {
      schema: {
        tags: ["transparency"],
        summary: "本专栏收到的意见和举报",
        params: RegionParams,
        querystring: MessageListQuery,
        response: { 200: MessageResponse.array() },
      },
      config: { access: "region", restrictedFields: COMPLAINANT_FIELDS },
    },
    async (request) => {
      const principal = reader(request, request.params.code);
      const messages = await listPublicMessages(db.db, {
        regionCodes: [request.params.code],
        ...request.query,
      });
      return messages.map((m) => asSeenBy(principal, m));
    },
  );

  api.post(
    "/api/v1/columns/:code/messages/:id/reply",
    {
      schema: {
        tags: ["transparency"],
        summary: "办理意见或举报：状态、答复、是否公开（仅意见）",
        params: RegionIdParams,
        body: ReplyRequest,
        response: { 200: MessageResponse },
      },
      config: { access: "county_admin" },
    },
    async (request) =>
      replyPublicMessage({
        db: db.db,
        actor: actorOf(request),
        regionCode: writer(request, request.params.code) && request.params.code,
        id: request.params.id,
        ...request.body,
      }),
  );

  api.get(
    "/api/v1/public-messages",
    {
      schema: {
        tags: ["transparency"],
        summary: "辖区内全部意见和举报及办理时长（省级可见全部）",
        querystring: MessageListQuery,
        response: { 200: MessageResponse.array() },
      },
      config: { access: "authenticated", restrictedFields: COMPLAINANT_FIELDS },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const all = await listPublicMessages(db.db, request.query);
      return all.filter((m) => canRead(principal, m.regionCode)).map((m) => asSeenBy(principal, m));
    },
  );
}
