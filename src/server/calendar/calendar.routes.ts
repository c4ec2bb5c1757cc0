/** The working-day calendar (rule F6): the year view, and the province administrator's corrections. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { calendarCovers } from "../../rules/calendar";
import { requirePrincipal, requireRole } from "../platform/auth/http-auth";
import type { RouteContext } from "../platform/domain";
import { notFound } from "../platform/http/errors";
import {
  CalendarDateParams,
  CalendarOverride,
  CalendarOverrideBody,
  CalendarYearResponse,
} from "./calendar.schema";
import { deleteCalendarOverride } from "./delete-calendar-override";
import { saveCalendarOverride } from "./save-calendar-override";
import { listCalendarOverrides, loadWorkCalendar } from "./work-calendar.repository";

const actorOf = (request: FastifyRequest) => {
  const p = requirePrincipal(request);
  return { id: p.id, name: p.username };
};

export async function calendarRoutes(app: FastifyInstance, { db }: RouteContext): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/v1/calendar/:year",
    {
      schema: {
        tags: ["calendar"],
        summary: "某年的节假日与调休上班日（含省级更正）",
        params: z.object({ year: z.coerce.number().int().min(1900).max(2200) }),
        response: { 200: CalendarYearResponse },
      },
      config: { access: "authenticated" },
    },
    async (request) => {
      const { year } = request.params;
      const calendar = await loadWorkCalendar(db.db);
      const prefix = `${year}-`;
      const inYear = (set: ReadonlySet<string>) => [...set].filter((d) => d.startsWith(prefix)).sort();
      return {
        year,
        covered: calendarCovers(calendar, year),
        holidays: inYear(calendar.holidays),
        workdays: inYear(calendar.workdays),
        overrides: await listCalendarOverrides(db.db, year),
      };
    },
  );

  api.get(
    "/api/v1/calendar/overrides",
    {
      schema: {
        tags: ["calendar"],
        summary: "省级对工作日历的更正",
        querystring: z.object({ year: z.coerce.number().int().min(1900).max(2200).optional() }),
        response: { 200: z.array(CalendarOverride) },
      },
      config: { access: "province_admin" },
    },
    async (request) => {
      requireRole(request, ["province_admin"]);
      return listCalendarOverrides(db.db, request.query.year);
    },
  );

  api.put(
    "/api/v1/calendar/overrides/:date",
    {
      schema: {
        tags: ["calendar"],
        summary: "新增或修改一天（节假日 holiday / 调休上班 workday）",
        params: CalendarDateParams,
        body: CalendarOverrideBody,
        response: { 200: CalendarOverride, 201: CalendarOverride },
      },
      config: { access: "province_admin" },
    },
    async (request, reply) => {
      requireRole(request, ["province_admin"]);
      const { created } = await saveCalendarOverride({
        db: db.db,
        actor: actorOf(request),
        date: request.params.date,
        ...request.body,
      });
      const saved = (await listCalendarOverrides(db.db, Number(request.params.date.slice(0, 4)))).find(
        (o) => o.date === request.params.date,
      )!;
      return reply.status(created ? 201 : 200).send(saved);
    },
  );

  api.delete(
    "/api/v1/calendar/overrides/:date",
    {
      schema: { tags: ["calendar"], summary: "删除一天的更正", params: CalendarDateParams },
      config: { access: "province_admin" },
    },
    async (request, reply) => {
      requireRole(request, ["province_admin"]);
      const deleted = await deleteCalendarOverride({
        db: db.db,
        actor: actorOf(request),
        date: request.params.date,
      });
      if (!deleted) throw notFound({ zh: "该日的日历更正", en: "Calendar override of that day" });
      return reply.status(204).send();
    },
  );
}
