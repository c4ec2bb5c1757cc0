// Starts the bench's ingest client thread (ingest-client.ts) with tsx's loader registered: a worker
// does not always inherit it from the process (see src/server/platform/workbook/import-worker-entry.mjs).
try {
  await import("./ingest-client.ts");
} catch (error) {
  if (error?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw error;
  const { register } = await import("tsx/esm/api");
  register();
  await import("./ingest-client.ts?tsx");
}
