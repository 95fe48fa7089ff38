// Storage at the size of a trust, and the ways back when something goes wrong: a backup of
// 2,000 people with two years of attempts restores on an emptied browser and survives a
// reload (the figures are printed); the storage meter warns from 80%; data written by a newer
// version of the app is left in place and the page says why; and when the app cannot start,
// safe mode offers everything stored as one file that restores.
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { test, expect, expectAxeClean, ready } from "./fixtures";
import type { Page } from "@playwright/test";

/** Made by `cargo test --test scale` (the app's own code: profiles take quizzes, export,
 * and the DSL imports every record), which the test command runs first. */
const BACKUP_2000 = resolve(import.meta.dirname, ".generated/backup-2000.json");

const osw = (page: Page) =>
  page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith("osw:")).map((k) => [k, localStorage.getItem(k)])));

async function createProfile(page: Page, name: string) {
  await page.goto("/training");
  await ready(page);
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Role").selectOption({ label: "Support staff" });
  await page.getByRole("button", { name: "Create profile" }).click();
  await expect(page.getByRole("heading", { name: `${name}: Induction` })).toBeVisible();
}

test("a backup of 2,000 people with two years of attempts restores on an emptied browser and survives a reload", async ({ page }) => {
  test.setTimeout(180_000);
  expect(existsSync(BACKUP_2000), "run `cargo test --test scale` first (the test command does)").toBe(true);
  const bytes = statSync(BACKUP_2000).size;

  await page.goto("/data");
  await ready(page);
  const started = Date.now();
  await page.getByLabel("Choose a backup or settings file").setInputFiles(BACKUP_2000);
  const preview = page.getByRole("region", { name: /What importing/ });
  await expect(preview.getByRole("row", { name: /staff training records/ })).toContainText("Training records for 2000 people", { timeout: 60_000 });
  const read = Date.now() - started;
  await preview.getByRole("button", { name: "Import it" }).click();
  await expect(page.getByText("backup-2000.json has been imported")).toBeVisible({ timeout: 60_000 });
  const restored = Date.now() - started;
  const stored = page.getByRole("row", { name: /staff training records/ });
  await expect(stored).toContainText("Training records for 2000 people");
  await expect(stored).toContainText("IndexedDB");
  // Nothing of it in localStorage, which could not hold it.
  expect(Object.keys(await osw(page)).filter((k) => k.includes("staff-records") && !k.startsWith("osw:stamp:"))).toEqual([]);

  const reloaded = Date.now();
  await page.reload();
  await expect(page.getByRole("row", { name: /staff training records/ })).toContainText("Training records for 2000 people", { timeout: 60_000 });
  const loaded = Date.now() - reloaded;
  await page.goto("/staff");
  await expect(page.getByRole("heading", { name: "Who is trained" })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("Showing 2000 of 2000 people.")).toBeVisible({ timeout: 60_000 });
  await page.getByLabel("Find a name").fill("Person 1999");
  await expect(page.getByRole("row", { name: /Person 1999/ })).toBeVisible();

  // The full backup it makes again is compact and of the same size.
  await page.goto("/data");
  await expect(page.getByRole("row", { name: /staff training records/ })).toContainText("2000 people", { timeout: 60_000 });
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download a full backup" }).click();
  const again = statSync(await (await download).path()).size;
  expect(again).toBeLessThan(bytes * 1.05);
  console.log(
    `scale (release wasm, Chromium): a backup of 2,000 people, ${(bytes / 1e6).toFixed(1)} MB: ` +
      `read and previewed in ${read} ms, restored (saved to IndexedDB) in ${restored} ms, ` +
      `loaded at start (page opened to the records listed) in ${loaded} ms; backed up again: ${(again / 1e6).toFixed(1)} MB`,
  );
});

test("the storage meter shows each kind and warns from 80% of local storage", async ({ page }) => {
  await createProfile(page, "Meg Meter");
  await page.goto("/data");
  await expect(page.getByRole("row", { name: /training profiles/ })).toContainText("Local storage");
  const local = page.getByLabel("This app's share of local storage");
  await expect(local).toBeVisible();
  await expect(page.getByText("Storage is nearly full")).toHaveCount(0);
  await expectAxeClean(page);

  // Another 4.1 million characters under the app's prefix: over 80% of about 5 million.
  await page.evaluate(() => localStorage.setItem("osw:filler", "x".repeat(4_100_000)));
  await page.reload();
  await expect(page.getByText("Storage is nearly full")).toBeVisible();
  await expect(page.locator(".meter-row").first()).toContainText(/8\d%/);
  await expectAxeClean(page);
});

test("data saved by a newer version of the app is left in place and the page says why", async ({ page }) => {
  await createProfile(page, "Nia Newer");
  // What the next version would write: the app's own stored value with a higher schema.
  const saved = (await osw(page))["osw:training-profiles"]!;
  const newer = JSON.stringify({ ...JSON.parse(saved), schema_version: JSON.parse(saved).schema_version + 1 });
  await page.evaluate((text) => localStorage.setItem("osw:training-profiles", text), newer);
  await page.reload();
  const notice = page.locator(".notice").filter({ hasText: "saved by a newer version of the app" });
  await expect(notice).toBeVisible();
  await expect(notice.getByRole("button", { name: "Reload the page" })).toBeVisible();
  await expectAxeClean(page);
  // Nothing this tab does writes over it, and nothing was set aside as damaged.
  await page.getByLabel("Full name").fill("Old Tab Person").catch(() => {});
  await page.goto("/data");
  await expect(page.getByRole("heading", { name: "Damaged data set aside" })).toHaveCount(0);
  expect((await osw(page))["osw:training-profiles"]).toBe(newer);
});

test("safe mode downloads everything stored as a backup the Data page restores", async ({ page, browser }) => {
  await createProfile(page, "Sam Safe");
  await page.goto("/settings");
  await page.getByLabel("School name").fill("Safe Harbour Primary");
  await page.getByLabel("School name").blur();
  await expect(page.locator(".brand-school")).toHaveText("Safe Harbour Primary");

  await page.goto("/?safe");
  await expect(page.getByRole("heading", { name: "Safe mode", level: 1 })).toBeVisible();
  await expect(page.locator(".brand-school")).toHaveCount(0); // the app did not start
  await expectAxeClean(page);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download everything stored" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^online-safety-workbench-safe-mode-\d{4}-\d{2}-\d{2}\.json$/);
  const path = await file.path();
  const backup = JSON.parse(readFileSync(path, "utf8"));
  expect(backup.kind).toBe("full-backup");
  expect(backup.data.parts.map((p: { kind: string }) => p.kind).sort()).toEqual(["settings", "training-profiles"]);
  expect(Object.keys(backup.data.stored)).toEqual(expect.arrayContaining(["osw:settings", "osw:training-profiles"]));

  // "Start the app normally" leaves safe mode.
  await page.getByRole("button", { name: "Start the app normally" }).click();
  await expect(page.locator(".brand-school")).toHaveText("Safe Harbour Primary");

  // On another browser with nothing stored, the file restores.
  const other = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const fresh = await other.newPage();
  await fresh.goto("/data");
  await fresh.getByLabel("Choose a backup or settings file").setInputFiles(path);
  const preview = fresh.getByRole("region", { name: /What importing/ });
  await expect(preview.getByRole("row", { name: /training profiles/ })).toContainText("1 training profile: Sam Safe");
  await preview.getByRole("button", { name: "Import it" }).click();
  await expect(fresh.locator(".brand-school")).toHaveText("Safe Harbour Primary");
  await other.close();
});

test("a start that failed, or a bundle that will not load, opens safe mode", async ({ browser, baseURL }) => {
  // Its own browser, without the service worker (it would answer for the broken wasm), and
  // without the console check (a failed load logs errors, which is the point).
  const context = await browser.newContext({ baseURL, serviceWorkers: "block" });
  await createProfile(await context.newPage(), "Fay Failed");

  // The start-up flag still set from a start that began a minute ago and never finished (a
  // crash while starting).
  const crashed = await context.newPage();
  await crashed.addInitScript(() => sessionStorage.setItem("osw:booting", String(Date.now() - 60_000)));
  await crashed.goto("/training");
  await expect(crashed.getByRole("heading", { name: "Safe mode" })).toBeVisible();
  await expect(crashed.getByText("The app did not start last time.")).toBeVisible();
  await expect(crashed.getByRole("button", { name: "Download everything stored" })).toBeVisible();

  // The wasm cannot be fetched (a broken deploy): safe mode at once, with the reason.
  const broken = await context.newPage();
  await broken.route(/\.wasm$/, (route) => route.fulfill({ status: 404, body: "Not found" }));
  await broken.goto("/training");
  await expect(broken.getByRole("heading", { name: "Safe mode" })).toBeVisible();
  await expect(broken.getByText(/The app could not start/)).toBeVisible();
  const download = broken.waitForEvent("download");
  await broken.getByRole("button", { name: "Download everything stored" }).click();
  const backup = JSON.parse(readFileSync(await (await download).path(), "utf8"));
  expect(backup.data.parts.map((p: { kind: string }) => p.kind)).toContain("training-profiles");
  await context.close();
});

test("an impatient reload during a slow start starts the app again; only a stalled or failed start opens safe mode", async ({ browser, baseURL }) => {
  // Without the service worker, so every start fetches the wasm from the (slowed) network.
  const context = await browser.newContext({ baseURL, serviceWorkers: "block" });
  const page = await context.newPage();
  // A slow first visit: the wasm takes 4 s to arrive, and the person reloads after 1 s.
  let slow = true;
  await page.route(/\.wasm$/, async (route) => {
    if (slow) await new Promise((resolve) => setTimeout(resolve, 4000));
    await route.continue().catch(() => {});
  });
  await page.goto("/training", { waitUntil: "commit" });
  await expect.poll(() => page.evaluate(() => sessionStorage.getItem("osw:booting"))).toMatch(/^\d+$/);
  await page.waitForTimeout(1000);
  slow = false;
  await page.reload();
  await expect(page.getByRole("heading", { name: "Staff training", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Safe mode" })).toHaveCount(0);
  expect(await page.evaluate(() => sessionStorage.getItem("osw:booting")), "cleared once started").toBeNull();

  // The flag as a start that began 5 s ago leaves it: the app starts.
  const recent = await context.newPage();
  await recent.addInitScript(() => {
    if (!sessionStorage.getItem("osw:test-once")) {
      sessionStorage.setItem("osw:test-once", "1");
      sessionStorage.setItem("osw:booting", String(Date.now() - 5_000));
    }
  });
  await recent.goto("/training");
  await expect(recent.getByRole("heading", { name: "Staff training", level: 1 })).toBeVisible();
  await expect(recent.getByRole("heading", { name: "Safe mode" })).toHaveCount(0);

  // A start that began 40 s ago and never finished: safe mode.
  const stalled = await context.newPage();
  await stalled.addInitScript(() => sessionStorage.setItem("osw:booting", String(Date.now() - 40_000)));
  await stalled.goto("/training");
  await expect(stalled.getByText("The app did not start last time.")).toBeVisible();

  // A start that failed (the wasm would not load): the next load opens safe mode at once,
  // however soon it comes.
  const failed = await context.newPage();
  await failed.route(/\.wasm$/, (route) => route.fulfill({ status: 404, body: "Not found" }));
  await failed.goto("/training");
  await expect(failed.getByText(/The app could not start/)).toBeVisible();
  expect(await failed.evaluate(() => sessionStorage.getItem("osw:booting"))).toBe("failed");
  await failed.unroute(/\.wasm$/);
  await failed.reload();
  await expect(failed.getByText("The app did not start last time.")).toBeVisible();
  await context.close();
});

test("safe mode opened at an address that names another site stays on the app", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  // `//other.example/x` as a path: a scheme-relative address, which would leave the app if
  // navigated to as it is.
  await page.goto(`${origin}//other.example/x?safe`);
  await expect(page.getByRole("heading", { name: "Safe mode", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Start the app normally" }).click();
  await expect(page).toHaveURL(`${origin}/other.example/x`);
  expect(new URL(page.url()).origin).toBe(origin);
  // The app starts there (an address it does not know).
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
});
