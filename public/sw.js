// Service worker: the app works offline after one visit, costs one download, and never keeps a
// broken copy. scripts/post-build.mjs (step 4) stamps VERSION, PRECACHE and ON_DEMAND below.
//
// What it keeps (Cache Storage, one cache per version, named `osw-<hash of every file's bytes>`):
// - precached: index.html, the staff bundle (js, wasm), css, icon, manifest and every file under
//   /content/: on the first visit from what the page has just downloaded (read back from the
//   browser's HTTP cache, never fetched again), the rest fetched once after the worker takes
//   control; on an update, before the new version may take over;
// - on first use: the DSL bundle (`dsl-*`) and any other file of this origin;
// - only responses that are 200, not redirected, of the type their extension says (wasm, js,
//   json, css, svg; anything else not HTML) and, for a built file, with exactly the build's
//   bytes (SHA-256): never the host's HTML fallback under a wasm, js or JSON address (a host
//   answers a missing file with its fallback page). A copy is hashed again each time it is
//   served, so one changed in the cache is never run: it is dropped and fetched again.
// It deletes only its own older caches (`osw-*`), never another app's on the same origin.
// Navigations: the network first, but the cached index.html when offline, after 3.5 s, or when
// the host answers with an error (an error page must not replace a working app).
//
// Message contract with the page (the "new version ready" notice):
//   worker -> page  {type: "update-ready", version}
//       A new version has finished downloading (sent to every open tab at the end of its
//       install, while it is `registration.installing`; it is `registration.waiting` just
//       after). It waits: it never takes over an open tab on its own. A tab that starts while a
//       worker waits sees it at start as `registration.waiting` (with a controller present).
//   page -> worker  {type: "skip-waiting"}
//       Post it to `registration.waiting ?? registration.installing` when the user chooses to
//       reload. The new version takes over; every tab then gets `controllerchange` on
//       `navigator.serviceWorker`, and the tab that asked reloads itself.
//   page -> worker  {type: "status"}   (to `registration.active`; reply to event.ports[0] if
//       given, else to the sender) -> {type: "status", version, complete, missing: [paths]},
//       sent once every precached file is stored (complete) or the attempt failed.
// Page side, in short: register("/sw.js"); on `message` update-ready, or at start when
// `registration.waiting && navigator.serviceWorker.controller`, show the notice. The very first
// install also fires `controllerchange` (this worker claims the open tab so that the rest of the
// first load goes through it): reload only if the tab asked. A long-open tab learns of a new
// sw.js only when the browser checks, on navigations or `registration.update()`: call that when
// the tab becomes visible again.
//
// Retiring the worker: replace sw.js with one that unregisters itself (README "Deploying").
const VERSION = "osw-__BUILD_VERSION__";
/** Built files stored before the app counts as offline-ready: path -> "sha256-<base64>". */
const PRECACHE = __BUILD_PRECACHE__;
/** Built files stored when first used (the DSL bundle): path -> "sha256-<base64>". */
const ON_DEMAND = __BUILD_ON_DEMAND__;
const BUILT = { ...PRECACHE, ...ON_DEMAND };
const NAVIGATION_TIMEOUT_MS = 3500;
/** How long the page's own requests must have been quiet before the top-up downloads. */
const QUIET_MS = 1000;
/** How soon a precache that could not complete is tried again. */
const RETRY_MS = 60_000;

/**
 * The content-type a file must be served with, by extension. Any other file (the manifest, the
 * policy's text) only must not be HTML: hosts differ on those types and the bytes are checked.
 */
const TYPES = {
  wasm: /^application\/wasm\b/i,
  js: /javascript/i,
  mjs: /javascript/i,
  json: /json/i,
  css: /^text\/css\b/i,
  svg: /^image\/svg\+xml\b/i,
  html: /^text\/html\b/i,
};

/** The stored copy of `path` is being made: path -> Promise<boolean> (stored or not). */
const filling = new Map();
let pageRequests = 0;
let lastPageRequest = 0;
let topUp = null;
let precacheComplete = false;

self.addEventListener("install", (event) => event.waitUntil(install()));

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      await Promise.all((await olderCaches()).map((name) => caches.delete(name)));
      // Take the open tab now, so the rest of the first load (the content, ...) comes
      // through this worker and is stored as it arrives.
      await self.clients.claim();
      // The first load may still be fetching (before the claim, unseen): let it finish first.
      lastPageRequest = Date.now();
      // Not awaited: fetch events wait for activation, so this must not hold the page up.
      completePrecache();
    })(),
  );
});

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "skip-waiting") {
    self.skipWaiting();
  } else if (type === "status") {
    event.waitUntil(
      completePrecache().then((missing) => {
        const reply = { type: "status", version: VERSION, complete: missing.length === 0, missing };
        (event.ports[0] || event.source).postMessage(reply);
      }),
    );
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.headers.has("range")) return;
  if (request.mode === "navigate" && (!BUILT[url.pathname] || extension(url.pathname) === "html")) {
    event.respondWith(navigate(event));
    return;
  }
  event.respondWith(cachedOrFetched(event, url));
  if (!precacheComplete && isActive()) event.waitUntil(completePrecache());
});

/**
 * Install: store every precached file. Unchanged files are copied from the previous version's
 * cache. On the first visit the rest comes only from the HTTP cache (what the page has just
 * downloaded), and what is not there is fetched after activation (completePrecache); on an
 * update everything is fetched now and the install fails if any file is not this build's (a
 * partial deploy), so the current version stays.
 */
async function install() {
  const paths = Object.keys(PRECACHE);
  // Unchanged on-demand files (the DSL bundle) carry over too.
  await Promise.all(Object.keys(ON_DEMAND).map((path) => fill(path, [])));
  if (!self.registration.active) {
    const index = await indexFromOpenTabs();
    if (index) await (await caches.open(VERSION)).put("/index.html", index);
    await Promise.all(paths.map((path) => fill(path, ["only-if-cached"])));
    return;
  }
  const stored = await Promise.all(paths.map((path) => fill(path, ["force-cache", "reload"])));
  const missing = paths.filter((_, i) => !stored[i]);
  if (missing.length) throw new Error(`${VERSION}: not this build's files yet: ${missing.join(", ")}`);
  precacheComplete = true;
  for (const client of await self.clients.matchAll({ type: "window", includeUncontrolled: true })) {
    client.postMessage({ type: "update-ready", version: VERSION });
  }
}

/**
 * Stores the precached files still missing, once the page's own requests have been quiet, each
 * fetched once (the HTTP cache first: the page may have just downloaded it). Resolves with the
 * paths it could not store (retried on the next request).
 */
function completePrecache() {
  if (!topUp) {
    topUp = (async () => {
      await quiet();
      const paths = Object.keys(PRECACHE);
      const stored = await Promise.all(paths.map((path) => fill(path, ["force-cache", "reload"])));
      const missing = paths.filter((_, i) => !stored[i]);
      precacheComplete = missing.length === 0;
      // Offline, or a file the host serves wrong: try again, but at most once a minute.
      if (!precacheComplete) setTimeout(() => (topUp = null), RETRY_MS);
      return missing;
    })();
  }
  return topUp;
}

/** Resolves when no request of the page has been in flight for QUIET_MS (at most 10 s). */
async function quiet() {
  const started = Date.now();
  while (pageRequests > 0 || Date.now() - lastPageRequest < QUIET_MS) {
    if (Date.now() - started > 10_000) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Makes sure this version's cache holds `path`: from an older version's cache when the bytes
 * are the same, else from the network with each `cache` mode in turn, verified. One job per
 * path at a time, shared with the page's own request for it. Resolves true when stored.
 */
async function fill(path, modes) {
  const busy = filling.get(path);
  if (busy && (await busy)) return true;
  return track(path, async () => {
    const cache = await caches.open(VERSION);
    if (await cache.match(path)) return true;
    let copy = await fromOlderCaches(path);
    // index.html is fetched as "/": some hosts redirect /index.html to / (refused: redirected).
    const addresses = path === "/index.html" ? ["/", path] : [path];
    for (const mode of modes) {
      for (const address of addresses) {
        if (copy) break;
        try {
          const res = await fetch(address, { cache: mode, mode: "same-origin", credentials: "same-origin" });
          if (await verified(path, res)) copy = res;
        } catch {
          // Not in the HTTP cache (only-if-cached), or offline: try the next way.
        }
      }
    }
    if (!copy) return false;
    await cache.put(path, copy);
    return true;
  });
}

/** Runs `job` as the one job storing `path`; others wait for it. */
function track(path, job) {
  const promise = job().catch(() => false);
  filling.set(path, promise);
  promise.then(() => filling.get(path) === promise && filling.delete(path));
  return promise;
}

/** A request of the page: this version's copy, else the network (keeping a verified copy). */
async function cachedOrFetched(event, url) {
  const cache = await caches.open(VERSION);
  const path = url.pathname;
  const hit = await cache.match(event.request);
  // A cached copy is served only if its bytes are still the build's: a copy changed in the
  // cache (by anyone with the browser's developer tools) is dropped and fetched again.
  if (hit && (await intact(path, hit))) return hit;
  if (hit) await cache.delete(event.request);
  const built = BUILT[path] && !url.search;
  if (built && filling.has(path) && (await filling.get(path))) {
    const stored = await cache.match(path);
    if (stored && (await intact(path, stored))) return stored;
  }
  pageRequests++;
  lastPageRequest = Date.now();
  let settle = () => {};
  if (built) track(path, () => new Promise((resolve) => (settle = resolve)));
  try {
    const res = await fetch(event.request);
    const kept = keep(cache, event.request, path, res.clone());
    settle(kept);
    event.waitUntil(kept);
    return res;
  } catch (error) {
    settle(false);
    throw error;
  } finally {
    pageRequests--;
    lastPageRequest = Date.now();
  }
}

/** Stores `res` under `request` if it is fit to keep; resolves true when stored. */
async function keep(cache, request, path, res) {
  if (!(await verified(path, res))) return false;
  await cache.put(request, res);
  return true;
}

/** Navigations: the network if it answers well within the timeout, else the cached app. */
async function navigate(event) {
  const network = fetch(event.request);
  network.catch(() => {}); // a late failure after the fallback is nobody's error
  const slow = new Promise((resolve) => setTimeout(resolve, NAVIGATION_TIMEOUT_MS, "slow"));
  const first = await Promise.race([network, slow]).catch(() => "offline");
  if (first instanceof Response && first.ok) return first;
  const cached = await (await caches.open(VERSION)).match("/index.html");
  if (cached && (await intact("/index.html", cached))) return cached;
  // Nothing cached yet: whatever the network says, when it says it.
  return first instanceof Response ? first : network;
}

/**
 * index.html as the open tab already downloaded it: the navigation's response (any address of
 * the app is answered with index.html), read from the HTTP cache, kept if its bytes are the
 * build's. Saves downloading index.html again on the first visit.
 */
async function indexFromOpenTabs() {
  const tabs = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  for (const tab of tabs) {
    const url = new URL(tab.url);
    if (url.origin !== self.location.origin) continue;
    url.hash = "";
    try {
      const res = await fetch(url.href, { cache: "only-if-cached", mode: "same-origin" });
      if (res.status === 200 && !res.redirected && TYPES.html.test(res.headers.get("content-type") || "")
        && (await integrity(res)) === PRECACHE["/index.html"]) {
        return res;
      }
    } catch {
      // Not in the HTTP cache: completePrecache fetches it.
    }
  }
  return null;
}

/** An older version's copy of `path` with exactly this build's bytes, if any. */
async function fromOlderCaches(path) {
  if (!BUILT[path]) return null;
  for (const name of await olderCaches()) {
    const hit = await (await caches.open(name)).match(path);
    if (hit && (await verified(path, hit))) return hit;
  }
  return null;
}

/** This worker's caches from other versions (never another app's caches). */
async function olderCaches() {
  return (await caches.keys()).filter((name) => name.startsWith("osw-") && name !== VERSION);
}

/** Fit to keep: 200, same-origin, not redirected, the right type, and the build's bytes. */
async function verified(path, res) {
  if (!res || res.status !== 200 || res.redirected || res.type !== "basic") return false;
  const type = res.headers.get("content-type") || "";
  const want = TYPES[extension(path)];
  if (want ? !want.test(type) : TYPES.html.test(type)) return false;
  return intact(path, res);
}

/**
 * A cached built file still has exactly the build's bytes (hashing the largest, the DSL's
 * wasm, takes a few milliseconds). Files that are not built (none are cached today) pass.
 */
async function intact(path, res) {
  return !BUILT[path] || (await integrity(res)) === BUILT[path];
}

/** "sha256-<base64>" of a response's body, as post-build.mjs writes it. */
async function integrity(res) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", await res.clone().arrayBuffer()));
  return `sha256-${btoa(String.fromCharCode(...digest))}`;
}

function extension(path) {
  const match = /\.([a-z0-9]+)$/i.exec(path);
  return match ? match[1].toLowerCase() : "";
}

/** True once this worker is the active one (fetching for the precache before that is install's job). */
function isActive() {
  const me = self.serviceWorker;
  return !me || me.state === "activating" || me.state === "activated";
}
