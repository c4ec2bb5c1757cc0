/**
 * The phone's own storage (IndexedDB): the queue of records made offline, the problems the server
 * answered (conflicts, bad records) until the manager has read them, and the last station data
 * seen, so the app opens and counts without network. Nothing here is trusted by the server.
 */
import { chinaInstant } from "../../rules/operations";

export type OrderData = { kind: string; amountFen: number; at: string };
export type ParcelData = {
  waybill: string;
  carrier: string;
  direction: "down" | "up";
  at: string;
  dispatchedOn?: string | null;
  feeFen?: number | null;
  weightGrams?: number | null;
};
export type DayData = { day: string; openedAt: string; closedAt: string };

export type Queued =
  | { sourceId: string; type: "order"; data: OrderData; createdAt: string }
  | { sourceId: string; type: "parcel"; data: ParcelData; createdAt: string }
  | { sourceId: string; type: "day"; data: DayData; createdAt: string };

export type Problem = { sourceId: string; record: Queued; status: "conflict" | "rejected"; message: string };

const DB_NAME = "shifan-station";
const STORES = ["queue", "problems", "kv"] as const;
type StoreName = (typeof STORES)[number];

let opened: Promise<IDBDatabase> | undefined;

function open(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore("queue", { keyPath: "sourceId" });
      db.createObjectStore("problems", { keyPath: "sourceId" });
      db.createObjectStore("kv");
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opened;
}

async function run<T>(store: StoreName, mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>) {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const request = act(tx.objectStore(store));
    tx.oncomplete = () => resolve(request.result);
    tx.onerror = () => reject(tx.error);
  });
}

export const queued = () => run<Queued[]>("queue", "readonly", (s) => s.getAll() as IDBRequest<Queued[]>);
export const enqueue = (record: Queued) => run("queue", "readwrite", (s) => s.put(record));
export const dequeue = (sourceId: string) => run("queue", "readwrite", (s) => s.delete(sourceId));

export const problems = () =>
  run<Problem[]>("problems", "readonly", (s) => s.getAll() as IDBRequest<Problem[]>);
export const addProblem = (problem: Problem) => run("problems", "readwrite", (s) => s.put(problem));
export const dismissProblem = (sourceId: string) => run("problems", "readwrite", (s) => s.delete(sourceId));

export const getValue = <T>(key: string) => run<T | undefined>("kv", "readonly", (s) => s.get(key));
export const setValue = (key: string, value: unknown) => run("kv", "readwrite", (s) => s.put(value, key));
export const deleteValue = (key: string) => run("kv", "readwrite", (s) => s.delete(key));

/** A record's own id, made on the phone: the server files it under this id, once. */
export const newSourceId = () => crypto.randomUUID();

/** Now as a China-time instant, whatever the phone's time zone (the server reads +08:00). */
export const chinaNow = (at = Date.now()): string => chinaInstant(at);
