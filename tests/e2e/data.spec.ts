// Data that is never lost: damaged storage set aside with a download, a full backup that
// survives an erase, imports that preview and refuse bad files, and tabs that follow each
// other without overwriting newer data.
import { readFileSync } from "node:fs";
import { test, expect, expectAxeClean, ready } from "./fixtures";
import type { Page } from "@playwright/test";

async function setSchool(page: Page, name: string) {
  await page.goto("/settings");
  await page.getByLabel("School name").fill(name);
  await page.getByLabel("School name").blur();
  await expect(page.locator(".brand-school")).toHaveText(name);
}

async function createProfile(page: Page, name: string) {
  await page.goto("/training");
  await ready(page);
  const another = page.getByRole("button", { name: "Add another person" });
  if (await another.isVisible()) await another.click();
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Role").selectOption({ label: "Support staff" });
  await page.getByRole("button", { name: "Create profile" }).click();
  await expect(page.getByRole("heading", { name: `${name}: Induction` })).toBeVisible();
}

const stored = (page: Page, key: string) => page.evaluate((k) => localStorage.getItem(k), key);

test("a damaged stored value is set aside with a download, and nothing else is lost", async ({ page }) => {
  await createProfile(page, "Pat Damaged");
  await setSchool(page, "Hill Top Primary");
  const corrupt = '{"format":"online-safety-workbench","kind":"settings","schema_version":1,"data":{"school_name": 4';
  await page.evaluate((text) => localStorage.setItem("osw:settings", text), corrupt);
  await page.reload();
  const banner = page.locator(".notice-error").filter({ hasText: "school settings on this device could not be read" });
  await expect(banner).toContainText("not a JSON file");
  await expect(page.locator(".brand-school")).toHaveText("West Kirby Primary School");
  const download = page.waitForEvent("download");
  await banner.getByRole("button", { name: "Download the damaged data" }).click();
  expect(readFileSync(await (await download).path(), "utf8")).toBe(corrupt);
  await expectAxeClean(page);
  // The training profiles were not touched.
  await page.goto("/training");
  await expect(page.getByRole("heading", { name: "Pat Damaged: Induction" })).toBeVisible();
  // The damaged copy is listed on the data page, still downloadable.
  await page.goto("/data");
  await expect(page.getByRole("heading", { name: "Damaged data set aside" })).toBeVisible();
  await expectAxeClean(page);
});

test("a full backup, then erase, then restore gives back everything", async ({ page }) => {
  await setSchool(page, "Riverside Primary");
  await createProfile(page, "Alex Backup");
  await createProfile(page, "Bo Backup");
  const before = { settings: await stored(page, "osw:settings"), profiles: await stored(page, "osw:training-profiles") };

  await page.goto("/data");
  await expect(page.getByRole("row", { name: /training profiles/ })).toContainText("2 training profiles: Alex Backup, Bo Backup");
  await expectAxeClean(page);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download a full backup" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^online-safety-workbench-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const backupPath = await file.path();
  const backup = JSON.parse(readFileSync(backupPath, "utf8"));
  expect(backup).toMatchObject({ format: "online-safety-workbench", kind: "full-backup", schema_version: 1 });
  expect(backup.data.parts.map((p: { kind: string }) => p.kind).sort()).toEqual(["settings", "training-profiles"]);

  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Erase all data on this device" }).click();
  await expect(page.getByText("Everything this app stored on this device has been erased.")).toBeVisible();
  await expect(page.locator(".brand-school")).toHaveText("West Kirby Primary School");
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("osw:")))).toEqual([]);

  await page.getByLabel("Choose a backup or settings file").setInputFiles(backupPath);
  const preview = page.getByRole("region", { name: /What importing/ });
  await expect(preview.getByRole("row", { name: /school settings/ })).toContainText("Added");
  await expect(preview.getByRole("row", { name: /training profiles/ })).toContainText("2 training profiles: Alex Backup, Bo Backup");
  await expectAxeClean(page);
  await preview.getByRole("button", { name: "Import it" }).click();
  await expect(page.locator(".brand-school")).toHaveText("Riverside Primary");
  expect(JSON.parse((await stored(page, "osw:settings"))!).data).toEqual(JSON.parse(before.settings!).data);
  expect(JSON.parse((await stored(page, "osw:training-profiles"))!).data).toEqual(JSON.parse(before.profiles!).data);
  await page.goto("/training");
  await expect(page.getByLabel("Whose training is this?").locator("option")).toHaveText(["Alex Backup (Support staff)", "Bo Backup (Support staff)"]);
});

test("an import that replaces data backs it up first, and the backup can be put back", async ({ page }) => {
  await setSchool(page, "First Name Primary");
  await page.goto("/data");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export the school settings" }).click();
  const settingsFile = await (await download).path();
  await setSchool(page, "Second Name Primary");
  await page.goto("/data");
  await page.getByLabel("Choose a backup or settings file").setInputFiles(settingsFile);
  const preview = page.getByRole("region", { name: /What importing/ });
  await expect(preview.getByRole("row", { name: /school settings/ })).toContainText("Replaced");
  await expect(preview.getByRole("row", { name: /training profiles/ })).toContainText("Left alone");
  await preview.getByRole("button", { name: "Import it" }).click();
  await expect(page.locator(".brand-school")).toHaveText("First Name Primary");
  const kept = page.getByRole("listitem").filter({ hasText: "School settings for Second Name Primary" });
  await expect(kept).toBeVisible();
  page.once("dialog", (d) => d.accept());
  await kept.getByRole("button", { name: "Restore the school settings" }).click();
  await expect(page.locator(".brand-school")).toHaveText("Second Name Primary");
  // Undoable: the version just replaced is now the backup.
  await expect(page.getByRole("listitem").filter({ hasText: "School settings for First Name Primary" })).toBeVisible();
});

test("erasing a profile also takes it out of the backup copy kept on the device", async ({ page }) => {
  // A shared computer's browser does not remember the names typed here.
  await page.goto("/training");
  await expect(page.getByLabel("Full name")).toHaveAttribute("autocomplete", "off");
  await createProfile(page, "Ada Erased");
  await page.goto("/data");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download a full backup" }).click();
  const backupFile = await (await download).path();
  await createProfile(page, "Ben Kept");
  // Restoring the backup keeps what it replaces (Ada and Ben) as the backup copy.
  await page.goto("/data");
  await page.getByLabel("Choose a backup or settings file").setInputFiles(backupFile);
  await page.getByRole("region", { name: /What importing/ }).getByRole("button", { name: "Import it" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: "2 training profiles: Ada Erased, Ben Kept" })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("osw:backup:training-profiles"))).toContain("Ada Erased");

  await page.goto("/training");
  await expect(page.getByRole("heading", { name: "Ada Erased: Induction" })).toBeVisible();
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Erase my data from this device" }).click();
  await expect(page.getByText(/Ada Erased's profile and training have been erased from this device, including the backup copy/)).toBeVisible();
  await expect(page.getByText(/delete them from this computer's Downloads folder/)).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("osw:backup:training-profiles"))).not.toContain("Ada Erased");
  expect(await page.evaluate(() => localStorage.getItem("osw:backup:training-profiles"))).toContain("Ben Kept");
});

test("notices stack in order, and each Dismiss takes away its own", async ({ page }) => {
  // Each created by loading /training; the notices then come within one page load.
  for (const name of ["Ann One", "Bea Two", "Cal Three"]) await createProfile(page, name);
  const erase = async (name: string) => {
    await page.getByLabel("Whose training is this?").selectOption({ label: `${name} (Support staff)` });
    await expect(page.getByRole("heading", { name: `${name}: Induction` })).toBeVisible();
    page.once("dialog", (d) => d.accept());
    await page.getByRole("button", { name: "Erase my data from this device" }).click();
  };
  await erase("Bea Two");
  await erase("Ann One");
  // Two notices, in the order they came (the first erase's, then the second's).
  const notices = page.locator(".notices > div");
  await expect(notices).toHaveCount(2);
  await expect(notices.nth(0)).toContainText("Bea Two's profile and training have been erased");
  await expect(notices.nth(1)).toContainText("Ann One's profile and training have been erased");
  await expectAxeClean(page);
  await notices.nth(0).getByRole("button", { name: "Dismiss" }).click();
  await expect(notices).toHaveCount(1);
  await expect(notices.nth(0)).toContainText("Ann One's profile");
  await notices.nth(0).getByRole("button", { name: "Dismiss" }).click();
  await expect(notices).toHaveCount(0);
});

test("bad files are refused with a specific message and change nothing", async ({ page }) => {
  await setSchool(page, "Unchanged Primary");
  await page.goto("/data");
  const before = await stored(page, "osw:settings");
  const input = page.getByLabel("Choose a backup or settings file");
  const cases: [string, string, RegExp][] = [
    ["broken.json", '{\n  "format": "online-safety-workbench",\n  "kind": ', /not a JSON file: .*\(line 3, column \d+\)/],
    ["other.json", '{"hello": "world"}', /not made by the Online Safety Workbench/],
    [
      "record.json",
      JSON.stringify({ format: "online-safety-workbench", kind: "training-record", schema_version: 1, app_version: "0.1.0", saved_at: "2026-01-01T00:00:00", data: {} }),
      /a staff training record, not a full backup\. Training records are imported on the Staff records page\./,
    ],
    [
      "newer.json",
      JSON.stringify({ format: "online-safety-workbench", kind: "full-backup", schema_version: 99, app_version: "9.0.0", saved_at: "2030-01-01T00:00:00", data: { parts: [] } }),
      /made by a newer version of the app \(schema 99/,
    ],
    [
      "<img src=x onerror=alert(1)>.json",
      JSON.stringify({ format: "online-safety-workbench", kind: "settings", schema_version: 1, app_version: "0.1.0", saved_at: "2026-01-01T00:00:00", data: { school_name: 4 } }),
      /field "school_name" is missing or invalid/,
    ],
  ];
  for (const [name, text, message] of cases) {
    await input.setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
    const alert = page.getByRole("alert");
    await expect(alert).toContainText(message);
    await expect(alert).toContainText(`${name} was not imported.`);
    await expect(alert).toContainText("Nothing has been changed.");
  }
  // The hostile file name was shown as text, not markup.
  await expect(page.locator("main img")).toHaveCount(0);
  await expectAxeClean(page);
  expect(await stored(page, "osw:settings")).toBe(before);
});

test("two pages of the same origin see each other's changes, and a stale page asks first", async ({ page, context }) => {
  await setSchool(page, "Tab One Primary");
  const other = await context.newPage();
  await other.goto("/settings");
  await ready(other);
  await expect(other.locator(".brand-school")).toHaveText("Tab One Primary");

  await page.getByLabel("School name").fill("Changed In Tab One");
  await page.getByLabel("School name").blur();
  await expect(other.locator(".brand-school")).toHaveText("Changed In Tab One");
  await expect(other.getByLabel("School name")).toHaveValue("Changed In Tab One");

  // Something newer lands in storage without this page hearing of it (the page that
  // writes to storage gets no event of its own write): it must not be overwritten.
  const newer = (await stored(other, "osw:settings"))!.replace("Changed In Tab One", "Saved Elsewhere");
  await other.evaluate((text) => localStorage.setItem("osw:settings", text), newer);
  await other.getByLabel("Headteacher").fill("Mr Stale Edit");
  await other.getByLabel("Headteacher").blur();
  const conflict = other.locator(".notice").filter({ hasText: "changed in another tab or window" });
  await expect(conflict).toBeVisible();
  expect(await stored(other, "osw:settings")).toBe(newer);
  await conflict.getByRole("button", { name: "Use the newer saved version" }).click();
  await expect(other.locator(".brand-school")).toHaveText("Saved Elsewhere");
  await expect(conflict).toBeHidden();
  await other.close();
});

test("with storage switched off the app still works in memory and says nothing will be kept", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
  });
  await page.goto("/training");
  await expect(page.locator(".notice").filter({ hasText: "not keeping data for this app" }).first()).toBeVisible();
  await page.getByLabel("Full name").fill("Mem Only");
  await page.getByLabel("Role").selectOption({ label: "Teaching staff" });
  await page.getByRole("button", { name: "Create profile" }).click();
  await expect(page.getByRole("heading", { name: "Mem Only: Induction" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to Your data to export" }).first()).toBeVisible();
  await expectAxeClean(page);
});

test("a full storage quota is reported, offers an export, and keeps what was saved", async ({ page }) => {
  await setSchool(page, "Before Full Primary");
  const before = await stored(page, "osw:settings");
  // Fill the origin's storage to the brim.
  await page.evaluate(() => {
    let chunk = "x".repeat(1 << 20);
    let n = 0;
    while (chunk.length >= 16) {
      try {
        localStorage.setItem(`filler:${n++}`, chunk);
      } catch {
        chunk = chunk.slice(0, chunk.length / 2);
      }
    }
  });
  await page.getByLabel("School name").fill("After Full Primary With A Much Longer Name ".repeat(20));
  const banner = page.locator(".notice-error").filter({ hasText: "storage for the app is full" });
  await expect(banner).toBeVisible();
  await expect(banner.getByRole("link", { name: "Go to Your data to export" })).toHaveAttribute("href", "/data");
  expect(await stored(page, "osw:settings")).toBe(before);
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("filler:")).forEach((k) => localStorage.removeItem(k)));
});

test("the Your data page fits a 360 px phone: its storage table scrolls inside its box", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await createProfile(page, "Phone Width");
  await page.goto("/data");
  await ready(page);
  await expect(page.getByRole("table").first()).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, "the page's width at 360 px").toBeLessThanOrEqual(360);
});
