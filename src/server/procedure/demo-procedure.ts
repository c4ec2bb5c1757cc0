/** Demo data of the acceptance procedure (filled in below). */
import type { Db } from "../platform/db/database";
import type { DemoContext } from "../platform/domain";

export async function loadDemoProcedure(_db: Db, _context: DemoContext): Promise<void> {}
