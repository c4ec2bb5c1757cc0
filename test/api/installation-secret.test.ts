/**
 * Installation secrets live outside the database: derived from SHIFAN_SECRET_KEY or a key file
 * (0600) made on first use; a secret older versions left in `meta` is still honoured.
 */
import { execFile } from "node:child_process";
import { hkdfSync, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
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
import { challengeSecret } from "../../src/server/reporting/window-challenge";
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
const masterOfFile = (path: string) => Buffer.from(readFileSync(path, "utf8").trim().split("\n")[0]!, "hex");

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

    const metaKeys = (await db.db.selectFrom("meta").select("key").execute()).map((r) => r.key);
    expect(metaKeys.filter((key) => /secret/i.test(key))).toEqual([]);
    const dump = await dumpDatabase(db);
    for (const secret of [master, personSecret, challenge]) {
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
    const { db, keyFile } = await freshDb();
    const fromFile = await personIdSecret(db.db);
    const key = randomBytes(32);
    setEnv("SHIFAN_SECRET_KEY", key.toString("hex"));
    const fromEnv = await personIdSecret(db.db);
    expect(fromEnv).toEqual(derive(key, PERSON_PURPOSE));
    expect(fromEnv).not.toEqual(fromFile);
    expect(fromEnv).not.toEqual(derive(masterOfFile(keyFile), PERSON_PURPOSE));
    expect(await personIdSecret(db.db)).toEqual(fromEnv);
    expect(await personIdSecret(secondHandle(db).db)).toEqual(fromEnv);
    setEnv("SHIFAN_SECRET_KEY", key.toString("base64"));
    expect(await personIdSecret(db.db)).toEqual(fromEnv);
  });

  it("refuses a SHIFAN_SECRET_KEY that is too short or not hex/base64, without repeating it", async () => {
    const { db } = await freshDb();
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
});
