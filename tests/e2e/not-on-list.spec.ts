// Records nobody on the staff list matches (issue 23 item 4), as a DSL meets them: a
// colleague's record under her married name is linked to her by hand, and a member of staff
// the MIS export left out is added to the list from their record. Each figure follows.
import type { Page } from "@playwright/test";
import { test, expect, expectAxeClean, ready } from "./fixtures";
import { importRecords } from "./through-app";
import { record } from "./records";

const file = (name: string, text: string) => ({ name, mimeType: "application/json", buffer: Buffer.from(text) });
const row = (page: Page, name: RegExp) => page.locator("table.matrix").getByRole("row", { name });
const figures = (page: Page) => page.locator(".coverage-figures");

test("a record not on the staff list is linked to the right person, or its person added", async ({ page }) => {
  await page.clock.setFixedTime(new Date("2026-12-12T09:00:00"));
  await page.goto("/staff");
  await ready(page);
  const form = page.locator("#list-person");
  await form.getByLabel("Name", { exact: true }).fill("Ann Able");
  await form.getByLabel("Position").selectOption({ label: "Teaching staff" });
  await page.getByRole("button", { name: "Add to the staff list" }).click();
  await expect(figures(page)).toContainText("0 of 1 people who must be trained are trained (0%); 1 has not started.");

  await importRecords(page, [
    file("ann.json", record({ id: "r-a11ce00000000001", name: "Ann Baker", role: "teaching", on: "2026-12-07" })),
    file("vic.json", record({ id: "r-71c0000000000002", name: "Vic Visitor", role: "support", on: "2026-12-07" })),
  ]);
  await expect(row(page, /^Ann Baker/)).toContainText("Not on the staff list");
  await expect(row(page, /^Vic Visitor/)).toContainText("Not on the staff list");
  await expect(figures(page)).toContainText("0 of 1 people who must be trained are trained (0%); 1 has not started.");
  await expectAxeClean(page);

  // Ann Baker is Ann Able, married since the export.
  await row(page, /^Ann Baker/).getByRole("button", { name: "Link Ann Baker's record to someone on the list" }).click();
  await page.getByLabel("Whose record is it? (Ann Baker)").selectOption({ label: "Ann Able (Teaching staff)" });
  await expect(row(page, /^Ann Baker/)).toHaveCount(0);
  await expect(row(page, /^Ann Able/)).toContainText("Trained");
  await expect(figures(page)).toContainText("1 of 1 people who must be trained are trained (100%); 0 have not started.");

  // Vic started after the export was taken.
  await row(page, /^Vic Visitor/).getByRole("button", { name: "Add Vic Visitor to the staff list" }).click();
  await expect(row(page, /^Vic Visitor/)).not.toContainText("Not on the staff list");
  await expect(figures(page)).toContainText("2 of 2 people who must be trained are trained (100%); 0 have not started.");
  await expect(page.getByRole("table", { name: /Everyone on the staff list/ })).toContainText("Vic Visitor");
  await expectAxeClean(page);
});
