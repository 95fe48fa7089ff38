// Data that ordinary use cannot hide (issue 21), as a school would meet it: a name pasted from
// a chat with a zero-width space, a TAB pasted from a spreadsheet into an evidence document,
// text an older version stored before the rules, and one record that cannot be read. Each
// time every other profile, audit and person is still there after a reload.
import { readFileSync } from "node:fs";
import { test, expect, expectAxeClean, ready } from "./fixtures";
import type { Page } from "@playwright/test";

const thisYear = (() => {
  const d = new Date();
  const start = d.getMonth() >= 8 ? d.getFullYear() : d.getFullYear() - 1;
  const next = String((start + 1) % 100).padStart(2, "0");
  return { label: `${start}/${next}`, slug: `${start}-${next}` };
})();

async function createProfile(page: Page, typed: string, shown: string) {
  await page.goto("/training");
  await ready(page);
  const another = page.getByRole("button", { name: "Add another person" });
  if (await another.isVisible()) await another.click();
  await page.getByLabel("Full name").fill(typed);
  await page.getByLabel("Role").selectOption({ label: "Support staff" });
  await page.getByRole("button", { name: "Create profile" }).click();
  await expect(page.getByRole("heading", { name: `${shown}: Induction` })).toBeVisible();
}

const profileNames = (page: Page) =>
  page.evaluate(() =>
    JSON.parse(localStorage.getItem("osw:training-profiles")!).data.profiles.map(
      (p: { person: { name: string } }) => p.person.name,
    ),
  );

test("a pasted zero-width space and TAB are taken out as typed, and every profile and audit is there after a reload", async ({ page }) => {
  await createProfile(page, "Ann Able", "Ann Able");
  await page.goto("/training");
  await page.getByRole("button", { name: "Add another person" }).click();
  const name = page.getByLabel("Full name");
  await name.fill("Bo\u200B Baker");
  await expect(name).toHaveValue("Bo Baker");
  await expect(page.locator("#profile-name-note")).toHaveText(/Invisible characters/);
  await expectAxeClean(page);
  await page.getByLabel("Role").selectOption({ label: "Support staff" });
  await page.getByRole("button", { name: "Create profile" }).click();
  await expect(page.getByRole("heading", { name: "Bo Baker: Induction" })).toBeVisible();

  await page.goto("/audit");
  await page.getByRole("button", { name: `Start a new ${thisYear.label} audit` }).click();
  await page.getByRole("link", { name: `Open the ${thisYear.label} audit` }).click();
  await page.getByRole("link", { name: "Filtering and monitoring", exact: true }).click();
  const checks = page.getByRole("article", { name: /filtering checks carried out and logged/ });
  await checks.getByRole("button", { name: "Add a document" }).click();
  const document = checks.getByLabel("Document", { exact: true });
  await document.fill("Filtering log\t2026");
  await expect(document).toHaveValue("Filtering log 2026");
  await expect(document).toHaveAttribute("maxlength", "500");
  await expectAxeClean(page);

  await page.reload();
  await ready(page);
  await expect(page.locator(".notices .notice-error")).toHaveCount(0);
  await expect(checks.getByLabel("Document", { exact: true })).toHaveValue("Filtering log 2026");
  await page.goto("/training");
  await ready(page);
  await expect(page.locator(".notices .notice")).toHaveCount(0);
  expect(await profileNames(page)).toEqual(["Ann Able", "Bo Baker"]);
});

test("text stored before the rules loads repaired, and one profile that cannot be read is set aside by name", async ({ page }) => {
  await createProfile(page, "Ann Able", "Ann Able");
  await createProfile(page, "Bo Baker", "Bo Baker");
  await createProfile(page, "Cy Cole", "Cy Cole");
  // What an earlier version let through (a pasted zero-width space), and a profile damaged
  // by hand.
  await page.evaluate(() => {
    const stored = JSON.parse(localStorage.getItem("osw:training-profiles")!);
    stored.data.profiles[1].person.name = "Bo\u200B Baker";
    stored.data.profiles[2].created_at = "not a date";
    localStorage.setItem("osw:training-profiles", JSON.stringify(stored));
  });
  await page.reload();
  await ready(page);
  await expect(page.locator(".notices .notice-warning")).toContainText("profiles[1].person.name");
  const aside = page.locator(".notices .notice-error").filter({ hasText: "Cy Cole's profile could not be loaded" });
  await expect(aside).toContainText("everything else in the saved training profiles loaded");
  await expectAxeClean(page);
  expect(await profileNames(page)).toEqual(["Ann Able", "Bo Baker"]);
  const download = page.waitForEvent("download");
  await aside.getByRole("button", { name: "Download the damaged data" }).click();
  const file = JSON.parse(readFileSync(await (await download).path(), "utf8"));
  expect(file.kind).toBe("training-profiles");
  expect(file.data.profiles.map((p: { person: { name: string } }) => p.person.name)).toEqual(["Cy Cole"]);

  // Your data lists it; putting it back while it still cannot be read changes nothing.
  await page.goto("/data");
  const set = page.getByRole("region", { name: "Damaged data set aside" });
  await expect(set.getByRole("listitem")).toHaveCount(1);
  await set.getByRole("button", { name: "Put back" }).click();
  await expect(page.locator(".notices .notice-error").filter({ hasText: "still cannot be read" })).toBeVisible();
  await expect(set.getByRole("listitem")).toHaveCount(1);
  await expectAxeClean(page);
  // The next start loads the rest whole: no notice again.
  await page.goto("/training");
  await ready(page);
  await expect(page.locator(".notices .notice")).toHaveCount(0);
});

test("a staff store with one poisoned person loads everyone else and names them", async ({ page }) => {
  await page.goto("/staff");
  await ready(page);
  const person = (id: string, name: string) => ({
    record_id: id,
    person: { name, role: "teaching", start_date: "2026-09-01", track: "induction" },
    exported_at: "2026-11-30T18:00:00",
    files: [],
    attempts: [] as unknown,
  });
  const eve = person("r-eve", "Eve Evans");
  eve.attempts = "not a list";
  const text = JSON.stringify({
    format: "online-safety-workbench",
    kind: "staff-records",
    schema_version: 2,
    app_version: "0.1.0",
    saved_at: "2026-12-01T09:00:00",
    data: { people: [person("r-ann", "Ann Able"), eve, person("r-bo", "Bo Baker")], updated_at: null },
  });
  await page.evaluate(
    (text) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open("online-safety-workbench", 1);
        open.onupgradeneeded = () => open.result.createObjectStore("values");
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction("values", "readwrite");
          tx.objectStore("values").put(text, "osw:staff-records");
          tx.oncomplete = () => {
            open.result.close();
            done();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
    text,
  );
  await page.reload();
  await ready(page);
  await expect(page.locator(".notices .notice-error").filter({ hasText: "Eve Evans's training records could not be loaded" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Ann Able/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Bo Baker/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Eve Evans/ })).toHaveCount(0);
  await expectAxeClean(page);
});
