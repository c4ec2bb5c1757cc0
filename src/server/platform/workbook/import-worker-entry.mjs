// Starts the import worker thread (import-worker.ts). The server runs TypeScript through tsx: a
// worker inherits tsx's loader when the process was started by the tsx command, but not when tsx
// was registered in code (bin/shifan.js) or not used at all (vitest), so it is registered here
// when the TypeScript source cannot be loaded as it is.
try {
  await import("./import-worker.ts");
} catch (error) {
  if (error?.code !== "ERR_UNKNOWN_FILE_EXTENSION") throw error;
  const { register } = await import("tsx/esm/api");
  register();
  // Another URL than the failed attempt's, which the module map remembers.
  await import("./import-worker.ts?tsx");
}
