import type { VillageKind } from "../../rules/regions";
import { api } from "../api/client";
import type { CountyDetail, CountySummary, Page, VillageItem } from "../api/types";

/** The demonstration counties the user may see (all 17 for the province, a city's for a city viewer). */
export function fetchCounties(signal?: AbortSignal): Promise<CountySummary[]> {
  return api.get<CountySummary[]>("/counties", { signal });
}

export function fetchCounty(code: string, signal?: AbortSignal): Promise<CountyDetail> {
  return api.get<CountyDetail>(`/counties/${encodeURIComponent(code)}`, { signal });
}

export type VillageQuery = {
  /** Name or code, matched by the server. */
  q?: string;
  /** 9-digit township code. */
  township?: string;
  kind?: VillageKind;
  page: number;
  pageSize: number;
};

/** One page of a county's village-level units (村民委员会 and 居民委员会). */
export function fetchVillages(
  code: string,
  query: VillageQuery,
  signal?: AbortSignal,
): Promise<Page<VillageItem>> {
  return api.get<Page<VillageItem>>(`/counties/${encodeURIComponent(code)}/villages`, { query, signal });
}

/** One chore of the county's to-do list, with the page where it is done. */
export type TodoItem = {
  kind: "report" | "notice" | "rectification" | "data_quality" | "column" | "invoice";
  title: string;
  detail: string;
  dueOn: string | null;
  state: "overdue" | "due" | "open";
  link: string;
};

export type CountyTodo = {
  countyCode: string;
  asOf: string;
  items: TodoItem[];
  counts: { overdue: number; due: number; open: number };
  stations: { inService: number; registered: number };
};

export function fetchTodo(code: string, asOf: string, signal?: AbortSignal): Promise<CountyTodo> {
  return api.get<CountyTodo>(`/counties/${encodeURIComponent(code)}/todo`, { query: { asOf }, signal });
}
