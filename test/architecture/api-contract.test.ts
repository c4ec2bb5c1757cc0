/**
 * One API contract: every operation declares its success response in its schema, so tsc checks the
 * handler's answer against it and /api/v1/openapi.json describes it (files and pages included: they
 * declare their body as binary or text).
 */

import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app";
import { createTestDb, type TestDb } from "../support/databases";
import KNOWN from "./routes-without-response-schema.json" with { type: "json" };

describe("the API contract", () => {
  let db: TestDb;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await createTestDb("sqlite", { counties: ["130533"] });
    app = await buildApp({ db });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it("lists the routes", () => {
    expect(app.routeTable.length).toBeGreaterThan(150);
  });

  // A ratchet while the older routes catch up: no operation may be added without a success response
  // schema, and an operation on the list that gains one (or goes) must leave the list.
  it("gives every new operation a success response schema, and the list of older ones only shrinks", () => {
    const missing = app.routeTable
      .filter((r) => !r.responses.some((code) => /^(2\d\d|2xx|default)$/.test(code)))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    const known = new Set(KNOWN.operations);
    expect(missing.filter((op) => !known.has(op))).toEqual([]);
    expect(KNOWN.operations.filter((op) => !missing.includes(op))).toEqual([]);
  });
});
