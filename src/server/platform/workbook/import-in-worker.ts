/**
 * Runs county workbook imports in a worker thread, so that reading, validating and writing a
 * 100k-row workbook never holds the server's event loop: `/api/v1/health` and the pages answer
 * meanwhile. The worker writes over a database connection of its own — the same all-or-nothing
 * transaction as in process (SQLite: the server's connection reads on beside it in WAL mode and
 * waits for its write lock between turns of the event loop, see db/sqlite-waiting.ts).
 *
 * One worker per app, started at the first import and kept (its start costs a second of module
 * loading); imports run in it side by side. A database that only this process can see (SQLite
 * `:memory:`) is imported in process.
 */
import { Worker } from "node:worker_threads";
import type { Db } from "../db/database";
import { AppError } from "../http/errors";
import { type ImportProgress, type ImportResult, importWorkbook } from "./import-workbook";
import type { WorkerImportOptions, WorkerReply, WorkerRequest } from "./import-worker-protocol";
import type { SheetRegistry } from "./sheet-handler";

export type WorkbookImporterOptions = {
  db: Db;
  /** The handlers, for imports run in process. */
  registry: SheetRegistry;
  /**
   * URL of the module that exports `buildSheetRegistry()` and `prepareDatabase(db)` (the app's
   * domain list), which the worker loads; without it every import runs in process.
   */
  registryModule?: string;
};

type Pending = {
  resolve: (result: ImportResult) => void;
  reject: (error: Error) => void;
  onProgress?: (progress: ImportProgress) => void;
};

const ENTRY = new URL("./import-worker-entry.mjs", import.meta.url);

/** The worker could not be started or ended under an import: the server's fault, not the file's. */
export class ImportWorkerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ImportWorkerError";
  }
}

/** Imports workbooks for one app; close() ends its worker. */
export class WorkbookImporter {
  readonly #options: WorkbookImporterOptions;
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;

  constructor(options: WorkbookImporterOptions) {
    this.#options = options;
  }

  /** Whether imports leave the event loop (false: in process, see the module comment). */
  get isOffThread(): boolean {
    const { db, registryModule } = this.#options;
    return registryModule !== undefined && db.url !== "sqlite::memory:";
  }

  /** Imports one workbook; `onProgress` is called as rows are read, validated and written. */
  async run(
    options: WorkerImportOptions,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<ImportResult> {
    if (!this.isOffThread) {
      const { db, registry } = this.#options;
      return importWorkbook({ ...options, db: db.db, registry, onProgress });
    }
    const worker = await this.#start();
    const id = this.#nextId++;
    return new Promise<ImportResult>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      worker.ref(); // an import under way keeps the process alive
      const request: WorkerRequest = { id, url: this.#options.db.url, options };
      worker.postMessage(request);
    });
  }

  /** Starts the worker ahead of the first import (no-op in process); resolves when it is ready. */
  async warmUp(): Promise<void> {
    if (this.isOffThread) await this.#start();
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#worker = undefined;
    this.#ready = undefined;
    const gone = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    worker.postMessage({ type: "close" });
    // The worker closes its database connections and ends; a stuck one is ended after a while.
    const timer = setTimeout(() => void worker.terminate(), 5000);
    await gone;
    clearTimeout(timer);
  }

  #start(): Promise<Worker> {
    if (this.#worker && this.#ready) {
      const worker = this.#worker;
      return this.#ready.then(() => worker);
    }
    const worker = new Worker(ENTRY, { workerData: { registryModule: this.#options.registryModule } });
    worker.unref();
    this.#worker = worker;
    this.#ready = new Promise<void>((resolve, reject) => {
      worker.on("message", (reply: WorkerReply) => {
        if (reply.type === "ready") return resolve();
        this.#reply(reply);
      });
      worker.once("error", (cause) => {
        const error = new ImportWorkerError(`import worker failed: ${cause.message}`, { cause });
        reject(error);
        this.#failAll(error);
      });
      worker.once("exit", (code) => {
        if (this.#worker === worker) {
          this.#worker = undefined;
          this.#ready = undefined;
        }
        const error = new ImportWorkerError(`import worker ended (exit code ${code})`);
        reject(error);
        this.#failAll(error);
      });
    });
    return this.#ready.then(() => worker);
  }

  #reply(reply: Exclude<WorkerReply, { type: "ready" }>): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    if (reply.type === "progress") {
      pending.onProgress?.(reply.progress);
      return;
    }
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker?.unref();
    if (reply.type === "result") pending.resolve(reply.result);
    else if (reply.type === "app-error")
      pending.reject(new AppError(reply.status, reply.code, reply.messages, reply.details));
    else {
      const error = new Error(reply.message);
      if (reply.stack) error.stack = reply.stack;
      pending.reject(error);
    }
  }

  #failAll(error: Error): void {
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
