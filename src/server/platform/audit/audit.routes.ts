/** The audit trail for province administrators, scoped like every other read. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordAccess } from "../auth/access-audit";
import { requireRole } from "../auth/http-auth";
import type { Db } from "../db/database";
import { verifyAuditChain } from "./audit";
import { createCheckpoint } from "./audit-checkpoint";

export async function auditRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/api/v1/audit",
    {
      schema: {
        tags: ["audit"],
        summary: "审计日志",
        querystring: z.object({
          county: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      config: { access: "province_admin" },
    },
    async (request) => {
      requireRole(request, ["province_admin"]);
      let query = db.db.selectFrom("audit_log").selectAll().orderBy("seq", "desc").limit(request.query.limit);
      if (request.query.county) query = query.where("county_code", "=", request.query.county);
      if (request.query.before) query = query.where("seq", "<", request.query.before);
      const rows = await query.execute();
      return rows.map((r) => ({
        seq: Number(r.seq),
        at: r.at,
        actor: r.actor_name,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        countyCode: r.county_code,
        before: r.before_json ? JSON.parse(r.before_json) : null,
        after: r.after_json ? JSON.parse(r.after_json) : null,
      }));
    },
  );
  api.get(
    "/api/v1/audit/checkpoint",
    {
      schema: {
        tags: ["audit"],
        summary:
          "导出签名的审计链检查点（链头、条数、时间；请离线保存，供 shifan audit verify --checkpoint 核对）",
      },
      config: { access: "province_admin" },
    },
    async (request, reply) => {
      const principal = requireRole(request, ["province_admin"]);
      const checkpoint = await createCheckpoint(db.db);
      // Recorded after the checkpoint was taken, so it is the entry after the head it names.
      await recordAccess(
        db.db,
        request,
        { id: principal.id, name: principal.username },
        { action: "audit.checkpoint_exported", entity: "audit_log", after: { headSeq: checkpoint.headSeq } },
      );
      const name = `audit-checkpoint-${checkpoint.headSeq}.json`;
      return reply.header("content-disposition", `attachment; filename="${name}"`).send(checkpoint);
    },
  );
  api.get(
    "/api/v1/audit/verify",
    { schema: { tags: ["audit"], summary: "校验审计链" }, config: { access: "province_admin" } },
    async (request) => {
      requireRole(request, ["province_admin"]);
      return verifyAuditChain(db.db);
    },
  );
}
