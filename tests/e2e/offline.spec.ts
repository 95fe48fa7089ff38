// The service worker (public/sw.js): one visit is one download of each app file; after it the
// app works with no network, including a module and a quiz never opened while online; a new
// version waits for the tab to ask, and a partial deploy never replaces a working version.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "@playwright/test";
import { test, expect, ready, dist } from "./fixtures";
import { createAppServer } from "./serve.mjs";

const course = JSON.parse(readFileSync(join(import.meta.dirname, "../../content/course.json"), "utf8"));
/** A module every member of staff has, which no test below opens while online (its head in
 * the course's contents). */
const module = course.modules.find((m: { id: string }) => m.id === "images-and-consent");

type Status = { type: "status"; version: string; complete: boolean; missing: string[] };

/** A built worker's file list (PRECACHE or ON_DEMAND): path -> integrity, as post-build.mjs stamped it. */
function stamped(root: string, list = "PRECACHE"): Record<string, string> {
  const json = readFileSync(join(root, "sw.js"), "utf8").match(new RegExp(`const ${list} = (\\{[\\s\\S]*?\\});`))?.[1];
  expect(json, `sw.js is stamped with ${list}`).toBeTruthy();
  return JSON.parse(json!);
}
const precache = (root: string) => stamped(root, "PRECACHE");

/** Asks the active worker for its status (sw.js's message contract), once it has one. */
async function status(page: Page): Promise<Status> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    return new Promise<Status>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => resolve(event.data);
      registration.active!.postMessage({ type: "status" }, [channel.port2]);
    });
  });
}

/** Waits until the worker controls the page and has stored every precached file. */
async function offlineReady(page: Page): Promise<Status> {
  let answer = await status(page);
  for (let i = 0; i < 10 && !answer.complete; i++) answer = await status(page);
  expect(answer.missing, "precached files the worker could not store").toEqual([]);
  expect(answer.complete).toBe(true);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  return answer;
}

/**
 * A private server for `root` (serve.mjs: no validators, `no-cache`, so any second request for
 * a file is a second download) that counts downloads, and a fresh browser context on it.
 */
async function privateSite(browser: Browser, root: string) {
  const downloads = new Map<string, number>();
  const server = createAppServer({
    root,
    onRequest: (path: string) => downloads.set(path, (downloads.get(path) ?? 0) + 1),
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
  const stop = async () => {
    if (!server.listening) return;
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  };
  const close = async () => {
    await context.close();
    await stop();
  };
  return { origin, downloads, context, page, errors, stop, close };
}

test("the first visit downloads each app file once, and the worker keeps them all", async ({ browser }) => {
  const site = await privateSite(browser, dist);
  const { page, origin, downloads, errors } = site;
  try {
    await page.goto(`${origin}/training`);
    await ready(page);
    await offlineReady(page);

    const counts = Object.fromEntries(downloads);
    const seen = JSON.stringify(counts);
    // The navigation (/training) was index.html: the worker keeps that, not a second copy.
    expect((counts["/training"] ?? 0) + (counts["/index.html"] ?? 0), `index.html downloads: ${seen}`).toBe(1);
    for (const path of Object.keys(precache(dist)).filter((p) => p !== "/index.html")) {
      expect(counts[path] ?? 0, `downloads of ${path}: ${seen}`).toBe(1);
    }
    for (const [path, n] of Object.entries(counts)) expect(n, `downloads of ${path}: ${seen}`).toBe(1);
    // The DSL bundle (dsl-*, once the split lands) is not part of a member of staff's visit...
    const dslFiles = Object.keys(stamped(dist, "ON_DEMAND"));
    for (const path of dslFiles) expect(counts[path], `downloads of ${path}`).toBeUndefined();
    // ...and is kept the first time it is used.
    for (const path of dslFiles) {
      for (let i = 0; i < 2; i++) expect(await page.evaluate((p) => fetch(p).then((r) => r.status), path)).toBe(200);
      expect(downloads.get(path), `downloads of ${path} used twice`).toBe(1);
    }

    // A reload online costs the navigation and nothing else: every file comes from the cache.
    downloads.clear();
    await page.reload();
    await ready(page);
    expect(Object.fromEntries(downloads)).toEqual({ "/training": 1 });

    // Playwright's offline mode cuts the worker's own requests too (the next test relies on
    // it): a file the worker never stored cannot load.
    await site.context.setOffline(true);
    const probe = await page.evaluate(() => fetch("/csp.txt").then((r) => r.status, () => "failed"));
    expect(probe, "a request the worker passes on while offline").toBe("failed");
    await site.context.setOffline(false);

    // With the server gone the app still starts, at any address.
    await site.stop();
    await page.goto(`${origin}/training/modules/${module.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(module.title);
    // The browser logs the probe's failed request, as it should; nothing else.
    const unexpected = errors.filter((e) => e !== "Failed to load resource: net::ERR_FAILED");
    expect(unexpected, "errors in the page's console").toEqual([]);
  } finally {
    await site.close();
  }
});

test("after one visit, a module and its quiz never opened online work offline", async ({ page, context }) => {
  await page.goto("/training");
  await page.getByLabel("Full name").fill("Olive Offline");
  await page.getByLabel("Role").selectOption({ label: "Teaching staff" });
  await page.getByRole("button", { name: "Create profile" }).click();
  await expect(page.getByRole("heading", { name: "Olive Offline: Induction" })).toBeVisible();
  await offlineReady(page);

  // Offline for the page and the worker alike (the test above checks the worker's side).
  await context.setOffline(true);
  await page.goto(`/training/modules/${module.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(module.title);
  await page.getByLabel("I have read this section").first().waitFor();
  for (const box of await page.getByLabel("I have read this section").all()) await box.check();
  await page.getByRole("link", { name: "Go to the quiz" }).click();
  await page.getByRole("button", { name: "Start the quiz" }).click();
  await expect(page.locator("fieldset.question").first()).toBeVisible();
  expect(await page.locator("fieldset.question").count()).toBeGreaterThan(0);
  await context.setOffline(false);
});

test("when the host answers a page with an error, or too slowly, the cached app opens", async ({ page, context }) => {
  await page.goto("/");
  await ready(page);
  await offlineReady(page);

  // A host in trouble (or a captive portal's error page): a 500 for the navigation.
  await context.route("**/policy", (route) => route.fulfill({ status: 500, contentType: "text/plain", body: "down" }));
  await page.goto("/policy");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Social Media Policy");

  // A network that answers after 8 s: the worker stops waiting at 3.5 s.
  await context.route("**/settings", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 8000));
    await route.fulfill({ status: 200, contentType: "text/html", body: "<h1>too late</h1>" }).catch(() => {});
  });
  const started = Date.now();
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("School settings");
  expect(Date.now() - started).toBeLessThan(7000);
  await context.unrouteAll({ behavior: "ignoreErrors" });
});

test("a file changed in the worker's cache is never served: it is dropped and fetched again", async ({ page }) => {
  await page.goto("/training");
  await page.getByLabel("Full name").fill("Tess Tamper");
  await page.getByLabel("Role").selectOption({ label: "Teaching staff" });
  await page.getByRole("button", { name: "Create profile" }).click();
  await expect(page.getByRole("heading", { name: "Tess Tamper: Induction" })).toBeVisible();
  const { version } = await offlineReady(page);
  const genuine = readFileSync(join(dist, "content/course.json"), "utf8");
  // What anyone with the browser's developer tools could do: put a changed copy in the cache.
  await page.evaluate(
    async ([name, body]) =>
      (await caches.open(name)).put("/content/course.json", new Response(body, { headers: { "content-type": "application/json" } })),
    [version, genuine.replace(`"title": "${module.title}"`, `"title": "Tampered module"`)],
  );
  const cached = () =>
    page.evaluate(async (name) => (await (await caches.open(name)).match("/content/course.json"))?.text(), version);
  expect(await cached()).toContain("Tampered module");

  await page.goto(`/training/modules/${module.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(module.title);
  await expect.poll(cached).toBe(genuine);
});

/** A copy of the built app to deploy over, in the test's own output folder. */
function copyOfDist(root: string) {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  cpSync(dist, root, { recursive: true });
  return root;
}

/**
 * Makes `root` a new build, as a deploy would: `files` are written (or, with integrity only,
 * listed without being written: a file not uploaded yet), and sw.js is stamped with their
 * integrity and the version `osw-<name>`.
 */
function deploy(root: string, name: string, files: Record<string, string | { integrity: string }>) {
  const list = precache(root);
  for (const [path, body] of Object.entries(files)) {
    if (typeof body === "string") {
      writeFileSync(join(root, path), body);
      list[path] = `sha256-${createHash("sha256").update(body).digest("base64")}`;
    } else {
      list[path] = body.integrity;
    }
  }
  const sw = readFileSync(join(root, "sw.js"), "utf8")
    .replace(/const VERSION = "osw-[^"]*";/, `const VERSION = "osw-${name}";`)
    .replace(/const PRECACHE = \{[\s\S]*?\};/, `const PRECACHE = ${JSON.stringify(list, null, 2)};`);
  writeFileSync(join(root, "sw.js"), sw);
  return `osw-${name}`;
}

test("a new version waits until the tab asks, and a partial deploy never takes over", async ({ browser }) => {
  const root = copyOfDist(test.info().outputPath("deploy"));
  const site = await privateSite(browser, root);
  const { page, origin, downloads } = site;
  try {
    await page.goto(`${origin}/`);
    await ready(page);
    const first = await offlineReady(page);
    await page.evaluate(() => caches.open("another-app").then((c) => c.put("/x", new Response("x"))));

    // Only the manifest changes, no file name does: still a new version (its bytes changed).
    const manifest = readFileSync(join(root, "manifest.webmanifest"), "utf8").replace("Online Safety", "Online Safety (new)");
    const second = deploy(root, "second", { "/manifest.webmanifest": manifest });
    downloads.clear();
    const told = page.evaluate(
      () => new Promise((resolve) => navigator.serviceWorker.addEventListener("message", (e) => resolve(e.data), { once: true })),
    );
    await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.update()));
    expect(await told).toEqual({ type: "update-ready", version: second });
    await expect.poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting)).toBe(true);
    // Unchanged files came from the current cache: only the new worker and the manifest downloaded.
    expect([...downloads.keys()].sort()).toEqual(["/manifest.webmanifest", "/sw.js"]);
    // It waits: the open tab keeps the version it started with.
    expect((await status(page)).version).toBe(first.version);

    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      const changed = new Promise((resolve) =>
        navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }),
      );
      registration!.waiting!.postMessage({ type: "skip-waiting" });
      await changed;
    });
    expect((await offlineReady(page)).version).toBe(second);
    // Its own older cache is gone; another app's cache on this origin is left alone (not ours to delete).
    // (the tab switches when the worker starts activating, the clean-up ends with activation).
    await expect.poll(async () => (await page.evaluate(() => caches.keys())).sort()).toEqual(["another-app", second]);

    // A partial deploy: the new sw.js is up before the new wasm, so the host answers the wasm's
    // address with index.html (200). The install refuses it and the working version stays (never
    // keep the host's fallback page as the wasm).
    const wasm = Object.keys(precache(root)).find((p) => p.endsWith(".wasm"))!;
    const notYetUploaded = wasm.replace(/-[0-9a-f]+_bg\.wasm$/, "-0000000000000000_bg.wasm");
    deploy(root, "partial", { [notYetUploaded]: { integrity: "sha256-AAAA" } });
    await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.update()).catch(() => null));
    await expect.poll(() => downloads.has(notYetUploaded), "the new worker tried the new wasm").toBe(true);
    await expect
      .poll(() => page.evaluate(async () => {
        const r = await navigator.serviceWorker.getRegistration();
        return !!(r?.installing || r?.waiting);
      }))
      .toBe(false);
    expect((await status(page)).version).toBe(second);
    const htmlKept = await page.evaluate(async () => {
      const kept: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) {
          const res = await (await caches.open(name)).match(request);
          if (!request.url.endsWith(".html") && res!.headers.get("content-type")?.startsWith("text/html")) kept.push(`${name} ${request.url}`);
        }
      }
      return kept;
    });
    expect(htmlKept, "HTML stored under a non-HTML address").toEqual([]);
    await page.reload();
    await ready(page);
    expect(site.errors, "errors in the page's console").toEqual([]);
  } finally {
    await site.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test("the README's retiring worker deletes the app's caches and unregisters itself", async ({ browser }) => {
  const readme = readFileSync(join(import.meta.dirname, "../../README.md"), "utf8");
  const retire = readme.match(/\*\*Retiring the app or its worker\*\*[\s\S]*?```js\n([\s\S]*?)```/)?.[1];
  expect(retire, "README: the retiring sw.js").toBeTruthy();
  const root = copyOfDist(test.info().outputPath("retire"));
  const site = await privateSite(browser, root);
  const { page, origin } = site;
  try {
    await page.goto(`${origin}/`);
    await ready(page);
    await offlineReady(page);
    writeFileSync(join(root, "sw.js"), retire!);
    // Retiring the app: its address now serves a page that registers nothing. (While the app is
    // still served it registers /sw.js as it starts, and a registration made while the old one
    // is being removed keeps it: what this checks is that the worker removes itself.)
    const app = readFileSync(join(root, "index.html"));
    writeFileSync(join(root, "index.html"), "<!DOCTYPE html><html lang=\"en\"><title>Retired</title><h1>Retired</h1></html>");
    await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.update()));
    // The worker reloads the tab, so an evaluation may meet a page being replaced: ask again.
    await expect.poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration()))).toBe(false);
    await expect.poll(() => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("osw-")))).toEqual([]);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Retired");

    // Retiring only the worker: the app is served again and registers /sw.js at every start;
    // the retiring worker then controls no tab, so it only unregisters again, and never reloads
    // the page in a loop.
    writeFileSync(join(root, "index.html"), app);
    await page.reload();
    await ready(page);
    let navigations = 0;
    page.on("framenavigated", () => navigations++);
    await page.reload();
    await ready(page);
    await page.waitForTimeout(2000);
    expect(navigations).toBe(1);
  } finally {
    await site.close();
    rmSync(root, { recursive: true, force: true });
  }
});
