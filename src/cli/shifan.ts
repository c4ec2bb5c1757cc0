/**
 * The `shifan` command line (interfaces.md): serve, migrate, demo, user add, import, evaluate,
 * backup, restore, audit verify, template.
 */
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { isIsoDate } from "../rules/calendar";
import { describeGrade } from "../server/acceptance/acceptance-report";
import { getPerformance } from "../server/acceptance/get-performance";
import { getScorecard } from "../server/acceptance/get-scorecard";
import { buildApp } from "../server/app";
import { countyExists } from "../server/counties/counties.repository";
import { loadDemo, randomDemoPassword } from "../server/demo/load-demo";
import { buildSheetRegistry, gatherCountyFacts, prepareDatabase } from "../server/domains";
import { generateDailyReportsFor } from "../server/jobs/daily-reports";
import { prepareAuditChain, verifyAuditChain } from "../server/platform/audit/audit";
import { checkAgainstCheckpoint, createCheckpoint } from "../server/platform/audit/audit-checkpoint";
import { resetPassword } from "../server/platform/auth/reset-password";
import { isRole, ROLES } from "../server/platform/auth/roles";
import { createUser } from "../server/platform/auth/users";
import { type Db, DEFAULT_DATABASE_URL, openDatabase } from "../server/platform/db/database";
import { AppError } from "../server/platform/http/errors";
import { trustProxyFromEnv } from "../server/platform/http/trust-proxy";
import {
  checkMasterKey,
  masterKeySource,
  SECRET_KEY_ENV,
} from "../server/platform/secrets/installation-secret";
import { chinaDate } from "../server/platform/time/china-time";
import { type ImportProgress, importWorkbook } from "../server/platform/workbook/import-workbook";
import { buildTemplate } from "../server/platform/workbook/template";
import { isEmpty, migrate } from "../server/setup";

const USAGE = `shifan — 电子商务进农村综合示范 平台

  shifan serve [--port N] [--host H] [--db URL] [--demo]
  shifan migrate [--db URL]
  shifan demo [--db URL]
  shifan user add --username U --role ROLE [--region CODE] [--name NAME]   (password from stdin)
  shifan user password --username U   (resets a forgotten password; the new one from stdin)
  shifan import <file.xlsx|file.csv|folder> --county CODE [--db URL] [--dry-run] [--partial]
  shifan evaluate --county CODE [--as-of YYYY-MM-DD] [--db URL] [--json]
  shifan daily-reports [--as-of YYYY-MM-DD] [--db URL]     (智能日报; serve runs it hourly)
  shifan template <out.xlsx>
  shifan backup <file> [--force] [--db URL]
  shifan restore <backup-file> --db sqlite:NEW_PATH
  shifan audit verify [--checkpoint FILE] [--db URL]   (checks the chain, and against a checkpoint)
  shifan audit checkpoint [--out FILE] [--db URL]     (a signed checkpoint of the chain's head)

--db defaults to $DATABASE_URL, else ${DEFAULT_DATABASE_URL}. Roles: ${ROLES.join(", ")}.`;

const OPTIONS = {
  db: { type: "string" },
  port: { type: "string" },
  host: { type: "string" },
  demo: { type: "boolean" },
  username: { type: "string" },
  role: { type: "string" },
  region: { type: "string" },
  name: { type: "string" },
  county: { type: "string" },
  "dry-run": { type: "boolean" },
  partial: { type: "boolean" },
  force: { type: "boolean" },
  "as-of": { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  checkpoint: { type: "string" },
  out: { type: "string" },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>["values"];

const fail = (message: string, code = 2): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

function databaseUrl(flags: Flags): string {
  return flags.db ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
}

/** A command that reads an existing SQLite database refuses a missing file (opening would create it). */
function requireExistingSqlite(flags: Flags): void {
  const url = databaseUrl(flags);
  if (!url.startsWith("sqlite:")) return;
  const path = url.slice("sqlite:".length);
  if (!existsSync(path)) fail(`数据库不存在 / no database at ${path}`, 1);
}

async function withDb<T>(flags: Flags, run: (db: Db) => Promise<T>): Promise<T> {
  const db = openDatabase(databaseUrl(flags));
  prepareDatabase(db);
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}

/** The backup holds pseudonyms, not the key they were made with: say where that key is. */
function keyReminder(db: Db): string {
  const source = masterKeySource(db);
  const [zh, en] =
    source.kind === "file"
      ? [`密钥文件 ${source.path}`, `the key file ${source.path}`]
      : [SECRET_KEY_ENV, SECRET_KEY_ENV];
  return (
    `请将${zh}与备份一同妥善保存（备份中不含密钥）：没有它，人员化名无法再与身份证号匹配。 / ` +
    `Keep ${en} with the backup (the backup does not contain it): without it, pseudonyms cannot be matched to ID numbers.`
  );
}

/** After a restore: is the key this database's pseudonyms were made with in place? */
async function restoredKeyAdvice(db: Db): Promise<string> {
  const source = masterKeySource(db);
  const [zh, en] =
    source.kind === "file"
      ? [`密钥文件 ${source.path}`, `the key file ${source.path}`]
      : [SECRET_KEY_ENV, SECRET_KEY_ENV];
  const copy =
    source.kind === "file"
      ? [
          `请将原密钥文件复制到 ${source.path}（或设置 ${SECRET_KEY_ENV}）`,
          `copy the original key file to ${source.path} (or set ${SECRET_KEY_ENV})`,
        ]
      : [`请将 ${SECRET_KEY_ENV} 设为原来的值`, `set ${SECRET_KEY_ENV} to the original value`];
  // A malformed key must not hide that the data itself was restored.
  const check = await checkMasterKey(db).catch((error: Error) => error);
  if (check instanceof Error) return check.message;
  switch (check) {
    case "matches":
      return `${zh}与本数据库的密钥指纹相符。 / ${en} matches this database's key fingerprint.`;
    case "missing":
      return (
        `本数据库的密钥不在 ${zh}：启用前${copy[0]}；在此之前，凡需化名的操作（导入人员等）都会被拒绝。 / ` +
        `This database's key is not at ${en}: before use, ${copy[1]}; until then, anything that pseudonymises (importing people, …) is refused.`
      );
    case "differs":
      return (
        `${zh}中的密钥与本数据库不符：启用前${copy[0]}。 / ` +
        `${en} does not hold this database's key: before use, ${copy[1]}.`
      );
    default:
      return (
        `启用前${copy[0]}，否则新导入的人员无法与已有化名匹配。 / ` +
        `Before use, ${copy[1]}: otherwise new imports will not match the stored pseudonyms.`
      );
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

function demoPassword(): { password: string; generated: boolean } {
  const fromEnv = process.env.SHIFAN_DEMO_PASSWORD;
  return fromEnv
    ? { password: fromEnv, generated: false }
    : { password: randomDemoPassword(), generated: true };
}

function printAccounts(accounts: { username: string; role: string }[], password: string, generated: boolean) {
  console.log("演示账户 / demo accounts:");
  for (const a of accounts) console.log(`  ${a.username.padEnd(12)} ${a.role}`);
  console.log(
    generated
      ? `  密码 / password: ${password}   (随机生成，仅显示一次 / random, shown once; set SHIFAN_DEMO_PASSWORD to choose)`
      : "  密码 / password: $SHIFAN_DEMO_PASSWORD",
  );
}

/** SHIFAN_HTTPS: "1"/"true" on, unset/""/"0"/"false" off; anything else is a typo, refused. */
function httpsFromEnv(value: string | undefined): boolean {
  const v = value?.trim().toLowerCase() ?? "";
  if (v === "1" || v === "true") return true;
  if (v === "" || v === "0" || v === "false") return false;
  throw new Error(`SHIFAN_HTTPS=${value}：请填 1 或 0 / use 1 or 0`);
}

/** How long `serve` waits for requests in flight after SIGTERM/SIGINT before giving up. */
const SHUTDOWN_GRACE_MS = 30_000;

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace"];

/** SHIFAN_LOG_LEVEL (default info; debug logs one line per request); an unknown level is refused. */
function logLevelFromEnv(value: string | undefined): string {
  const level = (value ?? "info").trim().toLowerCase() || "info";
  if (!LOG_LEVELS.includes(level)) {
    throw new Error(
      `SHIFAN_LOG_LEVEL=${value}：请填 ${LOG_LEVELS.join("/")} / use one of ${LOG_LEVELS.join(", ")}`,
    );
  }
  return level;
}

/**
 * Runs the server until SIGTERM or SIGINT, then shuts down gracefully: no new connections, the
 * requests in flight answered (an ingest batch's transaction commits or rolls back as a whole),
 * background jobs stopped, the database closed, exit 0.
 */
async function serve(flags: Flags): Promise<void> {
  const db = openDatabase(databaseUrl(flags));
  await migrate(db);
  // An upgraded database gets its keyed cut-over now, so that verifying it needs no write first.
  await prepareAuditChain(db);
  if (flags.demo && (await isEmpty(db))) {
    const { password, generated } = demoPassword();
    const accounts = await loadDemo(db, password);
    printAccounts(accounts, password, generated);
  }
  const app = await buildApp({
    db,
    logger: process.env.SHIFAN_LOG !== "off",
    logLevel: logLevelFromEnv(process.env.SHIFAN_LOG_LEVEL),
    trustProxy: trustProxyFromEnv(process.env.SHIFAN_TRUST_PROXY),
    // SHIFAN_HTTPS=1 when users reach the site over HTTPS: Secure session cookies and HSTS.
    secureCookies: httpsFromEnv(process.env.SHIFAN_HTTPS),
    startImportWorker: true,
  });
  const port = Number(flags.port ?? process.env.PORT ?? 3000);
  const host = flags.host ?? process.env.HOST ?? "127.0.0.1";
  // Handlers are installed once: a second SIGTERM/SIGINT gets the default action and ends at once.
  let stopping: Promise<never> | null = null;
  const stop = (signal: NodeJS.Signals) => {
    stopping ??= shutDown(signal);
  };
  let timer: NodeJS.Timeout | null = null;
  let dailyRun: Promise<unknown> | null = null;
  const shutDown = async (signal: NodeJS.Signals): Promise<never> => {
    console.log(`shifan 正在停止 / stopping on ${signal}`);
    // A drain that hangs (a client that never finishes its body) must not keep the process alive.
    setTimeout(() => {
      console.error(`shifan: still draining after ${SHUTDOWN_GRACE_MS / 1000} s, exiting anyway`);
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    try {
      if (timer) clearInterval(timer);
      // Stops accepting, answers new requests on open connections with 503, waits for the ones in
      // flight (each ends its own transaction) and runs onClose hooks (the report delivery worker).
      await app.close();
      await dailyRun;
      await db.close();
    } catch (error) {
      console.error("shifan: shutdown failed", error);
      process.exit(1);
    }
    console.log("shifan 已停止 / stopped");
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  await app.listen({ port, host });
  console.log(`shifan 已启动 / serving on http://${host}:${port}`);
  // 智能日报 (R2): yesterday's and today's daily reports, regenerated hourly with no human step.
  const dailyReports = () => {
    if (stopping || dailyRun) return;
    const today = chinaDate();
    const yesterday = chinaDate(new Date(Date.now() - 86_400_000));
    dailyRun = generateDailyReportsFor(db, yesterday, today)
      .catch((error) => console.error("daily reports failed", error))
      .finally(() => {
        dailyRun = null;
      });
  };
  dailyReports();
  timer = setInterval(dailyReports, 60 * 60 * 1000);
  timer.unref();
}

/**
 * Progress lines on stderr while an import runs (stdout keeps the result, for scripts): at most
 * one a second, and one whenever the phase changes.
 */
function importProgressPrinter(): (progress: ImportProgress) => void {
  let last = 0;
  let lastPhase = "";
  return (p) => {
    const now = Date.now();
    if (p.phase === lastPhase && now - last < 1000) return;
    last = now;
    lastPhase = p.phase;
    const phase = { reading: "读取校验中 / reading", writing: "写入中 / writing", done: "完成 / done" }[
      p.phase
    ];
    process.stderr.write(
      `进度 ${phase}: 已读取 ${p.rowsRead} 行，已校验 ${p.rowsValidated} 行（拒绝 ${p.rowsRejected}），已写入 ${p.rowsWritten} 行 / read ${p.rowsRead}, validated ${p.rowsValidated} (rejected ${p.rowsRejected}), written ${p.rowsWritten}\n`,
    );
  };
}

async function runImport(flags: Flags, path: string | undefined): Promise<number> {
  if (!path) return fail("用法 / usage: shifan import <file.xlsx|file.csv|folder> --county CODE");
  if (!flags.county || !/^\d{6}$/.test(flags.county))
    return fail("--county 须为6位县级代码 / --county CODE (6 digits) is required");
  if (!existsSync(path)) return fail(`文件不存在 / no such file: ${path}`);
  return withDb(flags, async (db) => {
    await migrate(db);
    const county = await db.db
      .selectFrom("demonstration_counties")
      .select("name")
      .where("county_code", "=", flags.county!)
      .executeTakeFirst();
    if (!county) return fail(`${flags.county} 不是示范县 / not a demonstration county`);
    const result = await importWorkbook({
      db: db.db,
      registry: buildSheetRegistry(),
      actor: { id: null, name: `cli:${process.env.USER ?? "operator"}` },
      countyCode: flags.county!,
      path,
      dryRun: flags["dry-run"],
      partial: flags.partial,
      onProgress: importProgressPrinter(),
    });
    for (const s of result.sheets) {
      console.log(
        `${s.sheet}: ${s.rows} 行，接受 ${s.accepted}，拒绝 ${s.rejected}${result.written ? `，写入 ${s.written}` : ""}`,
      );
    }
    for (const name of result.ignoredSheets) console.log(`${name}: 无对应处理，已忽略 / ignored`);
    for (const r of result.rejected) {
      console.log(
        `拒绝 / rejected  工作表 ${r.sheet} 第 ${r.row} 行${r.column ? ` 列「${r.column}」` : ""}：${r.reason.zh}`,
      );
    }
    if (result.partial && result.rejected.length) {
      const rejectsFile = `${path.replace(/\/$/, "")}.rejects.csv`;
      const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
      writeFileSync(
        rejectsFile,
        `\uFEFF工作表,行,列,原因\n${result.rejected.map((r) => [r.sheet, String(r.row), r.column ?? "", r.reason.zh].map(quote).join(",")).join("\n")}\n`,
      );
      console.log(`拒绝行已写入 / rejects written to ${rejectsFile}`);
    }
    if (result.dryRun) console.log("仅校验，未写入 / dry run: nothing written");
    else if (!result.written) console.log("存在错误，未写入任何数据 / nothing was written");
    else if (result.rejected.length) {
      const rows = new Set(result.rejected.map((r) => `${r.sheet}:${r.row}`)).size;
      console.log(`已写入有效行，拒绝 ${rows} 行 / valid rows written, ${rows} rows rejected`);
    }
    // --partial that wrote the good rows succeeded: it is what the operator asked for.
    if (result.written) return 0;
    return result.rejected.length ? 1 : 0;
  });
}

const ITEM_MARK: Record<string, string> = {
  pass: "通过",
  fail: "未通过",
  pending: "待评估",
  "n/a": "不适用",
};

async function evaluateCommand(flags: Flags): Promise<number> {
  const county = flags.county ?? "";
  if (!/^\d{6}$/.test(county)) return fail("--county 须为6位县级代码 / --county CODE (6 digits) is required");
  const asOf = flags["as-of"] ?? chinaDate();
  if (!isIsoDate(asOf)) return fail(`--as-of 须为 YYYY-MM-DD / --as-of must be YYYY-MM-DD, got ${asOf}`);
  return withDb(flags, async (db) => {
    await migrate(db);
    if (!(await countyExists(db.db, county)))
      return fail(`${county} 不是示范县 / not a demonstration county`);
    // The scorecard and the performance evaluation read the same facts: gathered once.
    const facts = new Map<string, ReturnType<typeof gatherCountyFacts>>();
    const countyFacts = (code: string, date: string) => {
      const key = `${code}@${date}`;
      if (!facts.has(key)) facts.set(key, gatherCountyFacts(db, code, date));
      return facts.get(key)!;
    };
    const card = await getScorecard({ db, countyFacts, countyCode: county, asOf });
    const performance = await getPerformance({ db, countyFacts, countyCode: county, asOf });
    // The scorecard of interfaces.md, plus the points and grade (an added key; nothing else changes).
    const score = {
      points: performance.points,
      maxPoints: performance.maxPoints,
      grade: performance.grade,
      gradeByPoints: performance.gradeByPoints,
      isProvisional: performance.isProvisional,
    };
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ ...card, performance: score }, null, 2)}\n`);
      return 0;
    }
    console.log(`${card.county}  基准日 ${card.asOf}  标准 ${card.standard}  结论 ${card.verdict}`);
    console.log(`  绩效评价 ${describeGrade(performance)}`);
    for (const i of card.items)
      console.log(`  ${i.id}  ${(ITEM_MARK[i.status] ?? i.status).padEnd(4)}  ${i.note}`);
    for (const v of card.veto) console.log(`  ${v.id}  ${v.status.padEnd(9)}  ${v.note}`);
    return 0;
  });
}

async function main(): Promise<number> {
  const { values: flags, positionals } = parseArgs({
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  const [command, sub] = positionals;
  if (flags.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  switch (command) {
    case "serve":
      await serve(flags);
      return -1; // keeps running
    case "migrate":
      return withDb(flags, async (db) => {
        const r = await migrate(db);
        console.log(
          `migrations applied: ${r.applied.length}; regions added: ${r.regions}; counties added: ${r.counties}`,
        );
        return 0;
      });
    case "demo":
      return withDb(flags, async (db) => {
        await migrate(db);
        const { password, generated } = demoPassword();
        printAccounts(await loadDemo(db, password), password, generated);
        return 0;
      });
    case "user": {
      if (sub === "password") {
        // Resets a forgotten password (e.g. a demo account's): the new one is read from stdin.
        if (!flags.username) return fail("usage: shifan user password --username U  (password on stdin)");
        const password = await readStdin();
        return withDb(flags, async (db) => {
          await migrate(db);
          await resetPassword(db.db, { username: flags.username!, password });
          console.log(`密码已重置，原有登录已失效 / password reset, sessions ended: ${flags.username}`);
          return 0;
        });
      }
      if (sub !== "add") return fail(USAGE);
      const role = flags.role ?? "";
      if (!flags.username || !isRole(role))
        return fail(`--username and --role (${ROLES.join("|")}) are required`);
      const password = await readStdin();
      return withDb(flags, async (db) => {
        await migrate(db);
        const regionCode = flags.region ?? "13";
        await createUser(db.db, "system", {
          username: flags.username!,
          role,
          regionCode,
          password,
          displayName: flags.name,
        });
        console.log(`用户已创建 / user created: ${flags.username} (${role}, ${regionCode})`);
        return 0;
      });
    }
    case "import":
      return runImport(flags, sub);
    case "evaluate":
      return evaluateCommand(flags);
    case "daily-reports": {
      const from = flags["as-of"] ?? chinaDate(new Date(Date.now() - 86_400_000));
      if (!isIsoDate(from)) return fail("--as-of 须为 YYYY-MM-DD / --as-of must be YYYY-MM-DD");
      return withDb(flags, async (db) => {
        await migrate(db);
        const days = await generateDailyReportsFor(db, from, from);
        console.log(`智能日报已生成 / daily reports generated: ${from}, ${days} county-days`);
        return 0;
      });
    }
    case "template": {
      if (!sub) return fail("usage: shifan template <out.xlsx>");
      writeFileSync(sub, await buildTemplate(buildSheetRegistry()));
      console.log(`模板已生成 / template written: ${sub}`);
      return 0;
    }
    case "backup":
      if (!sub) return fail("usage: shifan backup <file> [--force]");
      if (existsSync(sub) && !flags.force)
        return fail(`备份文件已存在，如需覆盖请加 --force / ${sub} exists: add --force to overwrite`);
      requireExistingSqlite(flags);
      return withDb(flags, async (db) => {
        if (!db.sqlite) return fail("PostgreSQL: use pg_dump (see README) / 请使用 pg_dump 备份 PostgreSQL");
        if (flags.force) rmSync(sub, { force: true }); // SQLite's backup writes into a database, not over a file
        // better-sqlite3's online backup API: a consistent copy while the server keeps writing.
        await db.sqlite.backup(sub);
        const check = await verifyAuditChain(db.db);
        console.log(`备份完成 / backup written: ${sub} (${check.entries} audit entries)`);
        console.log(keyReminder(db));
        return 0;
      });
    case "restore": {
      if (!sub) return fail("usage: shifan restore <backup-file> --db sqlite:NEW_PATH");
      const target = databaseUrl(flags);
      if (!target.startsWith("sqlite:")) return fail("restore: PostgreSQL uses pg_restore (see README)");
      const path = target.slice("sqlite:".length);
      if (existsSync(path)) return fail(`restore: ${path} exists; restore into a new file`);
      copyFileSync(sub, path);
      return withDb(flags, async (db) => {
        const check = await verifyAuditChain(db.db);
        console.log(`恢复完成 / restored into ${path}; audit chain ${check.ok ? "verified" : "BROKEN"}`);
        console.log(await restoredKeyAdvice(db));
        return check.ok ? 0 : 1;
      });
    }
    case "audit": {
      if (sub === "checkpoint") {
        return withDb(flags, async (db) => {
          const checkpoint = await createCheckpoint(db.db);
          const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
          if (flags.out) writeFileSync(flags.out, text);
          else process.stdout.write(text);
          return 0;
        });
      }
      if (sub !== "verify")
        return fail("usage: shifan audit verify [--checkpoint FILE] | shifan audit checkpoint");
      requireExistingSqlite(flags);
      return withDb(flags, async (db) => {
        // An upgraded database gets its cut-over (its entries so far stay plain SHA-256).
        await prepareAuditChain(db);
        const result = await verifyAuditChain(db.db);
        const problems = [...result.problems];
        if (flags.checkpoint) {
          const file = JSON.parse(readFileSync(flags.checkpoint, "utf8")) as unknown;
          problems.push(...(await checkAgainstCheckpoint(db.db, file)));
        }
        if (result.keyUnavailable) {
          console.log(
            "未找到安装密钥，仅核对了链接，未核对密钥签名 / installation key not at hand: links checked, MACs not",
          );
        }
        if (!problems.length) {
          console.log(
            `审计链完整 / audit chain intact: ${result.entries} entries${flags.checkpoint ? " (matches the checkpoint)" : ""}`,
          );
        } else for (const p of problems) console.log(`审计链异常 / audit chain broken: ${p}`);
        return problems.length ? 1 : 0;
      });
    }
    default:
      return fail(`unknown command ${command}\n\n${USAGE}`);
  }
}

try {
  const code = await main();
  if (code >= 0) process.exit(code);
} catch (error) {
  if (error instanceof AppError) fail(`${error.messages.zh} / ${error.messages.en}`, 1);
  else if (error instanceof TypeError && String(error.message).includes("Unknown option"))
    fail(String(error.message));
  else {
    console.error(error);
    process.exit(1);
  }
}
