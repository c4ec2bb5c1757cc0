/**
 * Installation secrets live outside the database: derived from SHIFAN_SECRET_KEY or a key file
 * (0600) made on first use; a secret older versions left in `meta` is still honoured. The database
 * keeps only the key's fingerprint, and refuses another key or a new key file once it has one.
 */
import { execFile } from "node:child_process";
import { createHmac, hkdfSync, randomBytes } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { sql } from "kysely";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { idCardCheckCharacter } from "../../src/rules/id-card";
import { buildSheetRegistry } from "../../src/server/domains";
import { type Db, openDatabase } from "../../src/server/platform/db/database";
import { installationSecret } from "../../src/server/platform/secrets/installation-secret";
import { importWorkbook } from "../../src/server/platform/workbook/import-workbook";
import { challengeSecret } from "../../src/server/reporting/public/window-challenge";
import { personIdSecret, pseudonymize } from "../../src/server/upward/person-pseudonym";
import type { UpwardTables } from "../../src/server/upward/upward.tables";
import { createTestDb, DIALECTS, type TestDb } from "../support/databases";
import { writeCsvFolder } from "../support/workbooks";

const run = promisify(execFile);
const PINGSHAN = "130131";
const PERSON_PURPOSE = "upward.person_id_hmac_secret";
const CHALLENGE_PURPOSE = "reporting.window_challenge_secret";
const TRAINING_HEADER = ["培训编号", "日期", "类别", "人员编号", "贫困户", "户编号"];
const idCard = (first17: string) => first17 + idCardCheckCharacter(first17);
const PERSON = idCard("13013119800101123");

/** What the module must compute, done here independently: HKDF-SHA256, no salt, info = purpose. */
const derive = (master: Buffer, purpose: string) =>
  Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), purpose, 32));
/** The fingerprint as documented: HMAC-SHA256 over a fixed label under a secret derived for it alone. */
const FINGERPRINT_KEY = "secrets.master_key_fingerprint";
const fingerprintOf = (master: Buffer) =>
  `v1:${createHmac("sha256", derive(master, "shifan.key-fingerprint")).update("shifan installation master key fingerprint").digest("hex")}`;
const masterOfFile = (path: string) => Buffer.from(readFileSync(path, "utf8").trim().split("\n")[0]!, "hex");

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: Error) => e,
  );

const ENV = ["SHIFAN_SECRET_KEY", "SHIFAN_SECRET_KEY_FILE"] as const;
const setEnv = (name: (typeof ENV)[number], value: string | undefined) => {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
};

describe.each(DIALECTS)("installation secrets on %s", (dialect) => {
  const dir = mkdtempSync(join(tmpdir(), "shifan-secret-"));
  const dbs: Db[] = [];
  let saved: Record<string, string | undefined> = {};
  let folder = 0;

  /** A fresh database whose key file is where an installation of this dialect would put it. */
  async function freshDb(): Promise<{ db: TestDb; keyFile: string }> {
    const db = await createTestDb(dialect, { counties: [PINGSHAN] });
    dbs.push(db);
    if (dialect === "postgres") {
      // The PostgreSQL default is ./data/shifan.key in the working directory: kept out of the repo.
      const keyFile = join(dir, `pg-${++folder}.key`);
      setEnv("SHIFAN_SECRET_KEY_FILE", keyFile);
      return { db, keyFile };
    }
    setEnv("SHIFAN_SECRET_KEY_FILE", undefined);
    return { db, keyFile: `${db.url.slice("sqlite:".length)}.key` };
  }

  /** Another handle on the same database under a different URL, so nothing cached is shared. */
  const secondHandle = (db: Db) => {
    const other =
      dialect === "postgres"
        ? openDatabase(`${db.url}?application_name=second`)
        : openDatabase(`sqlite:${relative(process.cwd(), db.url.slice("sqlite:".length))}`);
    dbs.push(other);
    return other;
  };

  const importPerson = (db: Db, person: string) =>
    importWorkbook({
      db: db.db,
      registry: buildSheetRegistry(),
      actor: { id: null, name: "test" },
      countyCode: PINGSHAN,
      path: writeCsvFolder(join(dir, `csv${++folder}`), [
        {
          name: "培训",
          rows: [TRAINING_HEADER, [`C-${folder}`, "2018-03-01", "基础普及", person, "否", ""]],
        },
      ]),
    });

  const fingerprints = async (db: Db) =>
    (await db.db.selectFrom("meta").select("value").where("key", "=", FINGERPRINT_KEY).execute()).map(
      (r) => r.value,
    );

  const storedPersonKeys = async (db: Db) =>
    (
      await db.db.withTables<UpwardTables>().selectFrom("training_attendances").select("person_key").execute()
    ).map((r) => r.person_key);

  /** Every row of every table as text: where a secret would show if it were stored. */
  async function dumpDatabase(db: Db): Promise<string> {
    const query =
      dialect === "postgres"
        ? sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = 'public'`
        : sql<{ name: string }>`select name from sqlite_master where type = 'table'`;
    let text = "";
    for (const { name } of (await query.execute(db.db)).rows) {
      text += JSON.stringify((await sql`select * from ${sql.table(name)}`.execute(db.db)).rows);
    }
    return text.toLowerCase();
  }

  beforeEach(() => {
    saved = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));
    setEnv("SHIFAN_SECRET_KEY", undefined);
  });
  afterEach(() => {
    for (const name of ENV) setEnv(name, saved[name]);
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    for (const db of dbs.reverse()) await ("drop" in db ? (db as TestDb).drop() : db.close());
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps the key in a 0600 file, derives each purpose from it, and writes no secret into any table", async () => {
    const { db, keyFile } = await freshDb();
    expect(existsSync(keyFile)).toBe(false);
    const result = await importPerson(db, PERSON);
    expect(result.rejected).toEqual([]);
    const challenge = await challengeSecret(db);

    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const master = masterOfFile(keyFile);
    expect(master.length).toBe(32);
    const personSecret = derive(master, PERSON_PURPOSE);
    expect(challenge).toEqual(derive(master, CHALLENGE_PURPOSE));
    expect(personSecret).not.toEqual(challenge);
    const expected = pseudonymize(personSecret, PERSON);
    expect(expected.ok && (await storedPersonKeys(db))).toEqual([expected.ok && expected.key]);

    // Only the fingerprint is kept: a one-way function of the key under a secret used for nothing else.
    const meta = await db.db.selectFrom("meta").selectAll().execute();
    expect(meta.filter((r) => /secret/i.test(r.key))).toEqual([
      { key: FINGERPRINT_KEY, value: fingerprintOf(master) },
    ]);
    const dump = await dumpDatabase(db);
    for (const secret of [master, personSecret, challenge, derive(master, "shifan.key-fingerprint")]) {
      expect(dump).not.toContain(secret.toString("hex"));
      expect(dump).not.toContain(secret.toString("base64").toLowerCase());
    }
    expect(dump).not.toContain(PERSON.toLowerCase());

    // A second handle (another process would do the same) reads the same file, never replacing it.
    const fileBefore = readFileSync(keyFile, "utf8");
    const other = secondHandle(db);
    expect(await personIdSecret(other.db)).toEqual(personSecret);
    await importPerson(other, PERSON.toLowerCase());
    expect(new Set(await storedPersonKeys(db))).toEqual(new Set([expected.ok && expected.key]));
    expect(readFileSync(keyFile, "utf8")).toBe(fileBefore);
  });

  it("derives from SHIFAN_SECRET_KEY when set (hex or base64): stable, and unlike the file's", async () => {
    const { db: fileDb } = await freshDb();
    const fromFile = await personIdSecret(fileDb.db);
    const { db, keyFile } = await freshDb();
    const key = randomBytes(32);
    setEnv("SHIFAN_SECRET_KEY", key.toString("hex"));
    const fromEnv = await personIdSecret(db.db);
    expect(fromEnv).toEqual(derive(key, PERSON_PURPOSE));
    expect(fromEnv).not.toEqual(fromFile);
    expect(existsSync(keyFile)).toBe(false);
    expect(await personIdSecret(db.db)).toEqual(fromEnv);
    expect(await personIdSecret(secondHandle(db).db)).toEqual(fromEnv);
    setEnv("SHIFAN_SECRET_KEY", key.toString("base64"));
    expect(await personIdSecret(db.db)).toEqual(fromEnv);
    expect(await fingerprints(db)).toEqual([fingerprintOf(key)]);
  });

  it("refuses another SHIFAN_SECRET_KEY for a database used with one, naming the variable and writing nothing", async () => {
    const { db, keyFile } = await freshDb();
    const [keyA, keyB] = [randomBytes(32), randomBytes(32)];
    setEnv("SHIFAN_SECRET_KEY", keyA.toString("hex"));
    expect((await importPerson(db, PERSON)).rejected).toEqual([]);
    const before = await dumpDatabase(db);

    setEnv("SHIFAN_SECRET_KEY", keyB.toString("hex"));
    for (const handle of [db, secondHandle(db)]) {
      const error = await errorOf(installationSecret(handle, PERSON_PURPOSE));
      expect(error?.message).toMatch(
        /^环境变量 SHIFAN_SECRET_KEY 中的安装密钥与本数据库不符.* \/ The installation key from SHIFAN_SECRET_KEY does not match the key this database's pseudonyms were made with/,
      );
      for (const key of [keyA, keyB, derive(keyB, "shifan.key-fingerprint")]) {
        expect(error?.message).not.toContain(key.toString("hex"));
        expect(error?.message).not.toContain(key.toString("base64"));
      }
    }
    await expect(importPerson(db, idCard("13013119900202123"))).rejects.toThrow(/does not match/);
    expect(await dumpDatabase(db)).toBe(before);
    expect(existsSync(keyFile)).toBe(false);

    // A refusal is not remembered: with the right key back, the same handle works.
    setEnv("SHIFAN_SECRET_KEY", keyA.toString("hex"));
    expect(await personIdSecret(db.db)).toEqual(derive(keyA, PERSON_PURPOSE));
  });

  it("makes no new key file for a database that has a fingerprint (restored without its key, another host)", async () => {
    const { db, keyFile } = await freshDb();
    const secret = await personIdSecret(db.db);
    const original = readFileSync(keyFile);
    unlinkSync(keyFile);
    const before = await dumpDatabase(db);

    const missing = await errorOf(installationSecret(secondHandle(db), PERSON_PURPOSE));
    expect(missing?.message).toMatch(
      /^本数据库的人员化名已用某个安装密钥生成，但密钥文件 .* 不存在；.*不新建密钥/,
    );
    expect(missing?.message).toContain(`the key file ${keyFile} is missing; no new key is created`);
    expect(missing?.message).toContain("SHIFAN_SECRET_KEY");
    expect(existsSync(keyFile)).toBe(false);
    expect(await dumpDatabase(db)).toBe(before);

    // Another host's own key file in its place is refused, naming the file.
    writeFileSync(keyFile, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600 });
    const differs = await errorOf(installationSecret(secondHandle(db), PERSON_PURPOSE));
    expect(differs?.message).toContain(`The installation key from the key file ${keyFile} does not match`);
    expect(await dumpDatabase(db)).toBe(before);

    writeFileSync(keyFile, original, { mode: 0o600 });
    expect(await personIdSecret(secondHandle(db).db)).toEqual(secret);
  });

  it("agrees on one fingerprint when handles race on first use", async () => {
    // One key file, created by whichever handle links it first: both get the same secret.
    const { db, keyFile } = await freshDb();
    const [a, b] = await Promise.all([personIdSecret(db.db), personIdSecret(secondHandle(db).db)]);
    expect(a).toEqual(b);
    expect(a).toEqual(derive(masterOfFile(keyFile), PERSON_PURPOSE));
    expect(await fingerprints(db)).toEqual([fingerprintOf(masterOfFile(keyFile))]);

    // Two different keys (two hosts): one wins, the other is refused, and the row is the winner's.
    const { db: fresh } = await freshDb();
    const keys = [randomBytes(32), randomBytes(32)];
    setEnv("SHIFAN_SECRET_KEY", keys[0]!.toString("hex"));
    const first = installationSecret(fresh, PERSON_PURPOSE);
    setEnv("SHIFAN_SECRET_KEY", keys[1]!.toString("hex"));
    const second = installationSecret(secondHandle(fresh), PERSON_PURPOSE);
    const results = await Promise.allSettled([first, second]);
    const won = results.findIndex((r) => r.status === "fulfilled");
    const winner = keys[won]!;
    expect(results[won]).toEqual({ status: "fulfilled", value: derive(winner, PERSON_PURPOSE) });
    expect(results[1 - won]).toMatchObject({
      status: "rejected",
      reason: { message: expect.stringContaining("does not match") },
    });
    expect(await fingerprints(fresh)).toEqual([fingerprintOf(winner)]);
  });

  it.runIf(process.platform !== "win32")("warns once when the key file is readable by others", async () => {
    const warnings: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      warnings.push(String(chunk));
      return true;
    });
    const { db, keyFile } = await freshDb();
    await personIdSecret(db.db);
    expect(warnings.filter((w) => w.includes("chmod"))).toEqual([]);
    chmodSync(keyFile, 0o640);
    await personIdSecret(secondHandle(db).db);
    await personIdSecret(secondHandle(db).db);
    const hints = warnings.filter((w) => w.includes(`chmod 600 ${keyFile}`));
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatch(/可被同组或其他用户读取（权限 0640）/);
    expect(warnings.join("")).not.toContain(masterOfFile(keyFile).toString("hex"));
  });

  it("refuses a SHIFAN_SECRET_KEY that is too short, odd-length hex or not hex/base64, without repeating it", async () => {
    const { db } = await freshDb();
    const hex = randomBytes(32).toString("hex");
    // Odd-length hex would decode as base64 (to 47 or 48 bytes): a mistyped key must not pass.
    for (const odd of [`${hex}a`, hex.slice(1)]) {
      setEnv("SHIFAN_SECRET_KEY", odd);
      const error = await errorOf(installationSecret(db, PERSON_PURPOSE));
      expect(error?.message).toMatch(
        /^SHIFAN_SECRET_KEY 无效：十六进制密钥的位数为奇数.*odd number of digits/,
      );
      expect(error?.message).not.toContain(odd);
    }
    for (const bad of [randomBytes(16).toString("hex"), "not a key!"]) {
      setEnv("SHIFAN_SECRET_KEY", bad);
      const error = await installationSecret(db, PERSON_PURPOSE).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error?.message).toMatch(/^SHIFAN_SECRET_KEY 无效.*\/ SHIFAN_SECRET_KEY is invalid/);
      expect(error?.message).not.toContain(bad);
    }
  });

  it("keeps using a secret an older version left in meta, warns once how to move it, and deletes nothing", async () => {
    const { db, keyFile } = await freshDb();
    const legacy = randomBytes(32);
    await db.db
      .insertInto("meta")
      .values({ key: PERSON_PURPOSE, value: legacy.toString("hex") })
      .execute();
    const warnings: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      warnings.push(String(chunk));
      return true;
    });
    await importPerson(db, PERSON);
    expect(await personIdSecret(db.db)).toEqual(legacy);
    const expected = pseudonymize(legacy, PERSON);
    expect(await storedPersonKeys(db)).toEqual([expected.ok && expected.key]);
    const moveHints = warnings.filter((w) => w.includes(PERSON_PURPOSE));
    expect(moveHints).toHaveLength(1);
    expect(moveHints[0]).toContain(keyFile);
    expect(moveHints[0]).toContain(`delete from meta where key = '${PERSON_PURPOSE}'`);
    expect(warnings.join("")).not.toContain(legacy.toString("hex"));
    expect(
      await db.db.selectFrom("meta").select("value").where("key", "=", PERSON_PURPOSE).execute(),
    ).toEqual([{ value: legacy.toString("hex") }]);

    // Moved as the warning says (a `purpose=hex` line in the key file): the file's value wins.
    const pinned = randomBytes(32);
    writeFileSync(keyFile, `${readFileSync(keyFile, "utf8")}${PERSON_PURPOSE}=${pinned.toString("hex")}\n`);
    expect(await personIdSecret(secondHandle(db).db)).toEqual(pinned);
  });

  it.runIf(dialect === "sqlite")(
    "`shifan backup` names the key file to keep with the backup and leaves the key out of it",
    async () => {
      const { db, keyFile } = await freshDb();
      await importPerson(db, PERSON);
      const backupFile = join(dir, "backup.db");
      const { stdout } = await run(process.execPath, ["bin/shifan.js", "backup", backupFile, "--db", db.url]);
      expect(stdout).toContain("backup written");
      expect(stdout).toMatch(/密钥文件.*备份.*Keep the key file/);
      expect(stdout).toContain(keyFile);
      const backup = readFileSync(backupFile);
      const master = masterOfFile(keyFile);
      for (const secret of [master, derive(master, PERSON_PURPOSE)]) {
        expect(backup.includes(secret)).toBe(false);
        expect(backup.includes(Buffer.from(secret.toString("hex")))).toBe(false);
      }
    },
    60_000,
  );

  it.runIf(dialect === "sqlite")(
    "`shifan restore` says the key must be copied; until it is, the restored database makes no new key",
    async () => {
      const { db, keyFile } = await freshDb();
      await importPerson(db, PERSON);
      const known = await storedPersonKeys(db);
      const backupFile = join(dir, "to-restore.db");
      await run(process.execPath, ["bin/shifan.js", "backup", backupFile, "--db", db.url]);
      const restoredPath = join(dir, "restored.db");
      const restoredKey = `${restoredPath}.key`;
      const restore = (path: string) =>
        run(process.execPath, ["bin/shifan.js", "restore", backupFile, "--db", `sqlite:${path}`]);

      const { stdout } = await restore(restoredPath);
      expect(stdout).toContain("audit chain verified");
      expect(stdout).toContain(
        `本数据库的密钥不在 密钥文件 ${restoredKey}：启用前请将原密钥文件复制到 ${restoredKey}`,
      );
      expect(stdout).toContain(`before use, copy the original key file to ${restoredKey}`);
      expect(existsSync(restoredKey)).toBe(false);

      const restored = openDatabase(`sqlite:${restoredPath}`);
      dbs.push(restored);
      await expect(importPerson(restored, PERSON)).rejects.toThrow(/is missing; no new key is created/);
      expect(existsSync(restoredKey)).toBe(false);
      copyFileSync(keyFile, restoredKey);
      await importPerson(restored, PERSON);
      expect(new Set(await storedPersonKeys(restored))).toEqual(new Set(known));

      // With the key copied beside the target first, restore says it matches.
      const again = join(dir, "restored-again.db");
      copyFileSync(keyFile, `${again}.key`);
      expect((await restore(again)).stdout).toContain("matches this database's key fingerprint");
    },
    60_000,
  );
});
