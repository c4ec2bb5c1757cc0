// Acceptance procedure (K1), rectifications, contractor replacement and handover (K2), M5 filings.
import type { Kysely } from "kysely";

const TABLES: [name: string, columns: [string, string, boolean][]][] = [
  [
    "procedure_steps",
    [
      ["county_code", "text", true],
      ["step", "text", true],
      ["action", "text", true],
      ["step_date", "text", true],
      ["details_json", "text", true],
      ["document_ids_json", "text", true],
      ["acted_by", "text", false],
      ["acted_by_name", "text", true],
      ["acted_role", "text", true],
      ["created_at", "text", true],
    ],
  ],
  [
    "procedure_documents",
    [
      ["county_code", "text", true],
      ["kind", "text", true],
      ["note", "text", true],
      ["file_name", "text", true],
      ["file_path", "text", true],
      ["file_sha256", "text", true],
      ["uploaded_by", "text", true],
      ["created_at", "text", true],
    ],
  ],
  [
    "rectifications",
    [
      ["county_code", "text", true],
      ["source", "text", true],
      ["ref", "text", true],
      ["problem", "text", true],
      ["owner", "text", true],
      ["opened_on", "text", true],
      ["working_days", "integer", true],
      ["deadline", "text", true],
      ["closed_on", "text", false],
      ["created_by", "text", true],
      ["created_at", "text", true],
    ],
  ],
  [
    "rectification_events",
    [
      ["rectification_id", "text", true],
      ["county_code", "text", true],
      ["kind", "text", true],
      ["event_date", "text", true],
      ["outcome", "text", false],
      ["note", "text", true],
      ["document_id", "text", false],
      ["actor_name", "text", true],
      ["created_at", "text", true],
    ],
  ],
  [
    "contract_terminations",
    [
      ["county_code", "text", true],
      ["contract_id", "text", true],
      ["terminated_on", "text", true],
      ["reason", "text", true],
      ["decision", "text", true],
      ["evidence_document_id", "text", false],
      ["replacement_tender_id", "text", false],
      ["replacement_contract_id", "text", false],
      ["created_by", "text", true],
      ["created_at", "text", true],
    ],
  ],
  [
    "handover_items",
    [
      ["termination_id", "text", true],
      ["county_code", "text", true],
      ["kind", "text", true],
      ["description", "text", true],
      ["checked_on", "text", false],
      ["checked_by", "text", false],
      ["note", "text", true],
    ],
  ],
  [
    "performance_filings",
    [
      ["county_code", "text", true],
      ["filed_on", "text", true],
      ["score_hundredths", "integer", true],
      ["grade", "text", true],
      ["summary", "text", true],
      ["filed_by", "text", true],
      ["created_at", "text", true],
    ],
  ],
  [
    "performance_publications",
    [
      ["published_on", "text", true],
      ["results_json", "text", true],
      ["typical_counties_json", "text", true],
      ["note", "text", true],
      ["published_by", "text", true],
      ["created_at", "text", true],
    ],
  ],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, columns] of TABLES) {
    let table = db.schema.createTable(name).addColumn("id", "text", (c) => c.primaryKey());
    for (const [column, type, notNull] of columns) {
      table = table.addColumn(column, type as "text", (c) => (notNull ? c.notNull() : c));
    }
    await table.addColumn("is_demo", "integer", (c) => c.notNull().defaultTo(0)).execute();
    if (columns.some(([c]) => c === "county_code")) {
      await db.schema.createIndex(`${name}_county`).on(name).column("county_code").execute();
    }
  }
  // One termination per contract: a contract ends once.
  await db.schema
    .createIndex("contract_terminations_contract")
    .on("contract_terminations")
    .column("contract_id")
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of [...TABLES].reverse()) await db.schema.dropTable(name).ifExists().execute();
}
