/** The messages between the server and its import worker thread (structured clones, no classes). */
import type { Actor } from "../audit/audit";
import type { ErrorDetail, Messages } from "../http/errors";
import type { ImportProgress, ImportResult } from "./import-workbook";

/** What one import needs besides the database handle and the registry (the worker has its own). */
export type WorkerImportOptions = {
  actor: Actor;
  countyCode: string;
  path: string;
  fileName?: string;
  dryRun?: boolean;
  partial?: boolean;
  /** A contractor's sheets (see ImportOptions.allowedSheets). */
  allowedSheets?: string[];
};

export type WorkerRequest = { id: number; url: string; options: WorkerImportOptions };

export type WorkerReply =
  | { id: 0; type: "ready" }
  | { id: number; type: "progress"; progress: ImportProgress }
  | { id: number; type: "result"; result: ImportResult }
  | {
      id: number;
      type: "app-error";
      status: number;
      code: string;
      messages: Messages;
      details: ErrorDetail[];
    }
  | { id: number; type: "error"; message: string; stack?: string };
