/**
 * End-to-end support: a real server over a fresh SQLite file with the demo data set, and Debian's
 * Chromium driven by playwright-core (never a downloaded browser).
 */
import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { buildApp } from "../src/server/app";
import { loadDemo } from "../src/server/demo/load-demo";
import { type Db, openDatabase } from "../src/server/platform/db/database";
import { migrate } from "../src/server/setup";

export const DEMO_PASSWORD = "E2e-Demo-Password-1";
export const RESULTS_DIR = "test-results";

export type E2eServer = { url: string; app: FastifyInstance; db: Db; close(): Promise<void> };

/** Env var naming the folder e2e/global-setup.ts filled with a demo installation for the run. */
export const DEMO_TEMPLATE_ENV = "SHIFAN_E2E_DEMO_TEMPLATE";

/**
 * A demo installation in `dir`: the SQLite file, its key file beside it and the uploaded files.
 * Loading the demo takes seconds, so the run builds it once (global setup) and each suite copies it.
 */
export async function buildDemoInstallation(dir: string): Promise<Db> {
  process.env.SHIFAN_FILES_DIR = join(dir, "files");
  const db = openDatabase(`sqlite:${join(dir, "e2e.db")}`);
  await migrate(db);
  await loadDemo(db, DEMO_PASSWORD);
  return db;
}

export async function startServer(): Promise<E2eServer> {
  const dir = mkdtempSync(join(tmpdir(), "shifan-e2e-"));
  const template = process.env[DEMO_TEMPLATE_ENV];
  let db: Db;
  if (template) {
    cpSync(template, dir, { recursive: true });
    process.env.SHIFAN_FILES_DIR = join(dir, "files");
    db = openDatabase(`sqlite:${join(dir, "e2e.db")}`);
  } else {
    db = await buildDemoInstallation(dir);
  }
  const app = await buildApp({ db });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    db,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
}

/**
 * Chooses `label` in an antd Select the way a user does, and waits until the Select shows it: on a
 * busy machine a click can land while the dropdown is still opening, so a missed choice is retried
 * instead of leaving the form unfilled (its save would then be refused by the form's validation).
 */
export async function chooseOption(page: Page, select: Locator, label: string): Promise<void> {
  const escaped = label.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&");
  const exact = new RegExp(`^${escaped}$`);
  for (let attempt = 0; attempt < 3; attempt++) {
    await select.click();
    const option = page
      .locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option")
      .filter({ hasText: exact })
      .first();
    await option.waitFor();
    await option.click();
    const shown = select.locator("xpath=ancestor-or-self::*[contains(@class,'ant-select')][1]");
    try {
      await shown.filter({ hasText: exact }).first().waitFor({ timeout: 5_000 });
      return;
    } catch {
      await page.keyboard.press("Escape");
    }
  }
  throw new Error(`could not choose 「${label}」`);
}
