/** The county officer's to-do list, composed from every area (no tables of its own). */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isIsoDate } from "../../rules/calendar";
import { countyExists } from "../counties";
import { requireRead } from "../platform/auth/http-auth";
import type { DomainModule, RouteContext } from "../platform/domain";
import { notFound } from "../platform/http/errors";
import { defaultAsOf } from "../platform/time/default-as-of";
import { countyTodo } from "./county-todo";

const TodoResponse = z.object({
  countyCode: z.string(),
  asOf: z.string(),
  items: z.array(
    z.object({
      kind: z.enum(["report", "notice", "rectification", "data_quality", "column", "invoice"]),
      title: z.string(),
      detail: z.string(),
      dueOn: z.string().nullable(),
      state: z.enum(["overdue", "due", "open"]),
      link: z.string(),
    }),
  ),
  counts: z.object({ overdue: z.number().int(), due: z.number().int(), open: z.number().int() }),
  stations: z.object({ inService: z.number().int(), registered: z.number().int() }),
});

async function todoRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    "/api/v1/counties/:code/todo",
    {
      schema: {
        tags: ["counties"],
        summary:
          "县级待办事项：待报与逾期报告、公示期、整改、数据质量问题、专栏缺项、待补发票（asOf 默认为页面默认基准日）",
        params: z.object({ code: z.string().regex(/^\d{6}$/) }),
        querystring: z.object({ asOf: z.string().refine(isIsoDate, "YYYY-MM-DD").optional() }),
        response: { 200: TodoResponse },
      },
      config: { access: "region" },
    },
    async (request) => {
      requireRead(request, request.params.code);
      if (!(await countyExists(db.db, request.params.code)))
        throw notFound({ zh: "该示范县", en: "Demonstration county" });
      const asOf = request.query.asOf ?? (await defaultAsOf(db)).asOf;
      return countyTodo(db, request.params.code, asOf);
    },
  );
}

export const todoModule: DomainModule = { name: "todo", routes: todoRoutes };
