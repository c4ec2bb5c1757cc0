/*
 * The station app's service worker (scope /station/). The app shell — the page and the hashed
 * assets it names — is cached at install, so the app opens with no network; the station's data
 * (/api/v1/station-app/me) is fetched from the network first and its last good answer kept for
 * when there is none. Records are never cached here: the app's queue (IndexedDB) holds them.
 */
const VERSION = "station-v1";
const SHELL = [
  "/station/",
  "/station/manifest.webmanifest",
  "/station/icon-192.png",
  "/station/icon-512.png",
];
const DATA = "/api/v1/station-app/me";

async function cacheShell() {
  const cache = await caches.open(VERSION);
  await cache.addAll(SHELL);
  // The page names its scripts and styles; cache exactly those (their names change with each build).
  const page = await (await cache.match("/station/")).text();
  const assets = [...page.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await cache.addAll([...new Set(assets)]);
}

self.addEventListener("install", (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== VERSION).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function networkFirst(request, key) {
  const cache = await caches.open(VERSION);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    // A refused session (revoked, expired) forgets the station's data on this phone.
    else if (response.status === 401 || response.status === 403) await cache.delete(key);
    return response;
  } catch (error) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(VERSION);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (event.request.mode === "navigate" && url.pathname.startsWith("/station")) {
    event.respondWith(networkFirst(event.request, "/station/"));
  } else if (url.pathname === DATA) {
    event.respondWith(networkFirst(event.request, DATA));
  } else if (url.pathname.startsWith("/assets/") || SHELL.includes(url.pathname)) {
    event.respondWith(cacheFirst(event.request));
  }
});
