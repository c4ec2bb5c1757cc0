/**
 * Times the import of 平山县's county workbook: a 村庄 row for every village-level unit (739) and
 * a 站点 row for every one of them, into a fresh database (issue 4: target under 2 s).
 * Run: npx tsx bench/network-import.bench.ts [sqlite|postgres]   (postgres needs SHIFAN_TEST_PG)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSheetRegistry } from "../src/server/domains";
import { importWorkbook } from "../src/server/platform/workbook/import-workbook";
import { createTestDb } from "../test/support/databases";
import { VILLAGE_HEADER, writeXlsx } from "../test/support/workbooks";

const dialect = process.argv[2] === "postgres" ? "postgres" : "sqlite";
const COUNTY = "130131";
const NINE = "电脑,背景墙,42寸电视,上网行为数据管理器,物流筐,公告牌,门头,灯箱,WIFI标识牌";

const db = await createTestDb(dialect, { counties: [COUNTY] });
const dir = mkdtempSync(join(tmpdir(), "shifan-bench-"));
try {
  const villages = (
    await db.db
      .selectFrom("regions")
      .select("code")
      .where("county_code", "=", COUNTY)
      .where("level", "=", "village")
      .orderBy("code")
      .execute()
  ).map((v) => v.code);
  const path = await writeXlsx(join(dir, "pingshan.xlsx"), [
    {
      name: "村庄",
      rows: [VILLAGE_HEADER, ...villages.map((c, i) => [c, "", String(200 + i), i % 4 ? "否" : "是", "是"])],
    },
    {
      name: "站点",
      rows: [
        ["站点编号", "村代码", "面积(平方米)", "设备", "中央资金支持", "建成日期"],
        ...villages.map((c, i) => [`PS-${i}`, c, "12", NINE, "是", "2018-05-01"]),
      ],
    },
  ]);
  const started = performance.now();
  const result = await importWorkbook({
    db: db.db,
    registry: buildSheetRegistry(),
    actor: { id: null, name: "bench" },
    countyCode: COUNTY,
    path,
  });
  const ms = performance.now() - started;
  if (!result.written) throw new Error(`import refused: ${JSON.stringify(result.rejected.slice(0, 3))}`);
  console.log(
    `${dialect}: imported ${villages.length} villages + ${villages.length} stations of 平山县 in ${ms.toFixed(0)} ms`,
  );
} finally {
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
}
