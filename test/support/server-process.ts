/**
 * The real `shifan serve` as a child process over a test database, for tests of what happens when
 * the process is killed or asked to stop: it opens the database itself, as in production.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createServer } from "node:net";
import { promisify } from "node:util";
import pg from "pg";
import { type Db, openDatabase } from "../../src/server/platform/db/database";
import type { TestDb } from "./databases";

const run = promisify(execFile);

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

/** Resolves with how the child ended. */
export const ended = (child: ChildProcess) =>
  new Promise<Exit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

export async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

export const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

export type ServerProcess = {
  child: ChildProcess;
  port: number;
  base: string;
  exit: Promise<Exit>;
  /** Everything it printed to stdout so far. */
  output(): string;
};

/** Starts `shifan serve` on a free port and waits until it listens. */
export async function startServer(
  url: string,
  options: { log?: boolean; logLevel?: string } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(
    "node",
    ["bin/shifan.js", "serve", "--port", String(port), "--host", "127.0.0.1", "--db", url],
    {
      env: {
        ...process.env,
        SHIFAN_LOG: options.log ? "on" : "off",
        SHIFAN_LOG_LEVEL: options.logLevel ?? "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const exit = ended(child);
  let output = "";
  let errors = "";
  child.stdout!.on("data", (chunk) => {
    output += String(chunk);
  });
  child.stderr!.on("data", (chunk) => {
    errors += String(chunk);
  });
  let gone = false;
  void exit.then(() => {
    gone = true;
  });
  await until(() => gone || output.includes("serving on"), 60_000, "the server to listen");
  if (gone) throw new Error(`the server ended before listening: ${errors}`);
  return { child, port, base: `http://127.0.0.1:${port}`, exit, output: () => output };
}

/** Runs `shifan audit verify` on the database and returns what it printed. */
export async function auditVerify(url: string): Promise<string> {
  const { stdout } = await run("node", ["bin/shifan.js", "audit", "verify", "--db", url]);
  return stdout;
}

/** Opens the database in this process for a look, and closes it again. */
export async function withDb<T>(url: string, read: (db: Db) => Promise<T>): Promise<T> {
  const db = openDatabase(url);
  try {
    return await read(db);
  } finally {
    await db.close();
  }
}

/** Waits until a killed server's PostgreSQL backends have rolled back their transactions. */
export async function backendsGone(db: TestDb) {
  if (db.dialect !== "postgres") return;
  const name = new URL(db.url).pathname.slice(1);
  await until(
    async () => {
      const admin = new pg.Client({ connectionString: process.env.SHIFAN_TEST_PG });
      await admin.connect();
      try {
        const r = await admin.query(
          "select count(*)::int as n from pg_stat_activity where datname = $1 and backend_xid is not null",
          [name],
        );
        return r.rows[0].n === 0;
      } finally {
        await admin.end();
      }
    },
    30_000,
    "the killed backend to end",
  );
}
