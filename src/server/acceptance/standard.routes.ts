/**
 * The acceptance standard in force (items, veto items, thresholds, versions), and the province's
 * refinement of its thresholds as a new version.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { DEFAULT_PERFORMANCE_SETTINGS } from "../../rules/acceptance/performance";
import { HEBEI_2017 } from "../../rules/acceptance/standard";
import { requirePrincipal, requireRole } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { currentStandard, standardVersions } from "./acceptance.repository";
import { RefineStandardRequest, ThresholdsSchema } from "./acceptance.schema";
import { refineStandard } from "./refine-standard";

export async function standardRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/acceptance/standard",
    {
      schema: {
        tags: ["acceptance"],
        summary: "现行验收标准：指标、一票否决项、阈值、版本与绩效指标权重",
      },
      config: { access: "authenticated" },
    },
    async (request) => {
      requirePrincipal(request);
      const [standard, versions] = await Promise.all([currentStandard(db.db), standardVersions(db.db)]);
      return {
        ...standard,
        published: { version: HEBEI_2017.version, thresholds: HEBEI_2017.thresholds },
        versions: versions.map(({ version, createdBy, createdAt }) => ({ version, createdBy, createdAt })),
        performance: DEFAULT_PERFORMANCE_SETTINGS,
      };
    },
  );

  api.post(
    "/api/v1/acceptance/standard/versions",
    {
      schema: {
        tags: ["acceptance"],
        summary: "省级细化验收标准阈值（另存为新版本）",
        body: RefineStandardRequest,
        response: {
          201: z.object({
            id: z.string(),
            version: z.number().int(),
            thresholds: ThresholdsSchema,
            changed: z.array(z.string()),
          }),
        },
      },
      config: { access: "province_admin" },
    },
    async (request, reply) => {
      const actor = requireRole(request, ["province_admin"]);
      const result = await refineStandard({ db: db.db, actor, ...request.body });
      return reply.status(201).send(result);
    },
  );
}
