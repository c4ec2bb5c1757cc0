/** Tables of the working-day calendar (rule F6): the province administrator's corrections. */

/** A day the province declares a holiday or a make-up working day; it wins over `chinese-days`. */
export type CalendarDayTable = {
  /** YYYY-MM-DD */
  date: string;
  /** holiday | workday */
  kind: "holiday" | "workday";
  /** Why, e.g. the State Council notice (国务院办公厅关于…放假安排的通知). */
  note: string;
  updated_by: string;
  updated_at: string;
};

export type CalendarTables = { calendar_days: CalendarDayTable };
