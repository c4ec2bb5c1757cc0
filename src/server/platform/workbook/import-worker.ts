/**
 * The body of the import worker thread (started by import-in-worker.ts through
 * import-worker-entry.mjs): reads, validates and writes county workbooks off the server's event
 * loop, over a database connection of its own, and posts progress and the result back.
 *
 * The sheet handlers come from the module named in workerData (the app's domain list), which
 * exports `buildSheetRegistry()` and `prepareDatabase(db)`: platform code never imports a domain.
 */
import { parentPort, workerData } from "node:worker_threads";
import { type Db, openDatabase } from "../db/database";
import { AppError } from "../http/errors";
import { type ImportOptions, importWorkbook } from "./import-workbook";
import type { WorkerReply, WorkerRequest } from "./import-worker-protocol";
import type { SheetRegistry } from "./sheet-handler";

type RegistryModule = {
  buildSheetRegistry(): SheetRegistry;
  prepareDatabase(db: Db): void;
};

const { registryModule } = workerData as { registryModule: string };
const domains = (await import(registryModule)) as RegistryModule;
const registry = domains.buildSheetRegistry();

// One connection per database URL, opened at the first import and kept for the next ones.
const databases = new Map<string, Db>();
function database(url: string): Db {
  let db = databases.get(url);
  if (!db) {
    db = openDatabase(url);
    domains.prepareDatabase(db);
    databases.set(url, db);
  }
  return db;
}

const port = parentPort!;
const post = (reply: WorkerReply) => port.postMessage(reply);

async function run(request: WorkerRequest): Promise<void> {
  const { id, url, options } = request;
  try {
    const db = database(url);
    const importOptions: ImportOptions = {
      ...options,
      db: db.db,
      registry,
      onProgress: (progress) => post({ id, type: "progress", progress }),
    };
    const result = await importWorkbook(importOptions);
    post({ id, type: "result", result });
  } catch (error) {
    if (error instanceof AppError) {
      post({
        id,
        type: "app-error",
        status: error.status,
        code: error.code,
        messages: error.messages,
        details: error.details,
      });
    } else {
      const e = error instanceof Error ? error : new Error(String(error));
      post({ id, type: "error", message: e.message, stack: e.stack });
    }
  }
}

port.on("message", (message: WorkerRequest | { type: "close" }) => {
  if ("type" in message && message.type === "close") {
    void Promise.all([...databases.values()].map((db) => db.close())).finally(() => port.close());
    return;
  }
  void run(message as WorkerRequest);
});
post({ id: 0, type: "ready" });
