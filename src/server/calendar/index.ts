/** The working-day calendar (rule F6): `chinese-days` plus the province's corrections. */
import type { DomainModule } from "../platform/domain";
import { calendarRoutes } from "./calendar.routes";
import * as calendarDays from "./migrations/2026-11-29-0250-calendar-days";

export const calendarModule: DomainModule = {
  name: "calendar",
  migrations: { "2026-11-29-0250-calendar-days": calendarDays },
  routes: calendarRoutes,
};
export { loadWorkCalendar, uncoveredYears } from "./work-calendar.repository";
