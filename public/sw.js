// Offline support: the app's own files are cached at install, so the app opens without a
// network once loaded. Only same-origin GET requests are handled; nothing is fetched from
// anywhere else. The build stamps the asset list and version below (scripts/post-build.mjs).
const VERSION = "osw-__BUILD_VERSION__";
const ASSETS = __BUILD_ASSETS__;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(VERSION).then((cache) => cache.addAll(ASSETS)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== VERSION).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Every route is the same app: fresh when online, the cached page when not.
    event.respondWith(fetch(request).catch(() => caches.match("/index.html")));
    return;
  }
  // Built files carry a content hash in their names, so a cached copy is never stale.
  event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
});
