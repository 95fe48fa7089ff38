// The year's training figures kept with a finalised audit (issue 23 item 7): the DSL
// finalises the audit on the governors' report; records imported afterwards change today's
// figures, and page 1 still says what it said, with the day it was kept.
import { test, expect, expectAxeClean, ready } from "./fixtures";
import { record } from "./records";

const file = (name: string, text: string) => ({ name, mimeType: "application/json", buffer: Buffer.from(text) });
const glance = (page: import("@playwright/test").Page) => page.locator(".at-a-glance");

test("a finalised audit's report keeps the training figures it had", async ({ page }) => {
  await page.clock.setFixedTime(new Date("2027-07-14T09:00:00"));
  const status = page.getByRole("region", { name: "Import records" }).getByRole("status");
  await page.goto("/staff");
  await ready(page);
  await page.getByLabel("Choose training record files").setInputFiles(file("ann.json", record({ id: "r-a11ce00000000001", name: "Ann Able", role: "teaching", on: "2027-07-01" })));
  await expect(status).toHaveText("Import finished: 1 added.");

  // On through the app's own navigation, as a DSL goes: a reload straight after an import can
  // outrun the records' IndexedDB write (see the closing note of 7 December 2026).
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Audit" }).click();
  await page.getByRole("button", { name: "Start a new 2026/27 audit" }).click();
  await page.goto("/audit/2026-27/report");
  await ready(page);
  await expect(glance(page)).toContainText("1 of 1 people are fully trained (100%)");
  await page.getByRole("button", { name: "Finalise: keep this year's training figures" }).click();
  await expect(page.getByText("This audit is finalised: page 1 gives the staff training figures as they stood on 14 July 2027.")).toBeVisible();
  await expectAxeClean(page);

  // Bo's record arrives after: today's figures change, page 1 does not.
  await page.goto("/staff");
  await ready(page);
  await page.getByLabel("Choose training record files").setInputFiles(file("bo.json", record({ id: "r-b0b0000000000002", name: "Bo Baker", role: "teaching", on: "2027-07-10", modules: ["why-this-matters"] })));
  await expect(status).toHaveText("Import finished: 1 added.");
  await expect(page.locator(".coverage-figures")).toContainText("1 of 2 people are fully trained (50%)");
  await nav.getByRole("link", { name: "Audit" }).click();
  await page.getByRole("link", { name: "Open the 2026/27 audit" }).click();
  await page.getByRole("link", { name: "Governors' report" }).click();
  await ready(page);
  await expect(glance(page)).toContainText("1 of 1 people are fully trained (100%)");
  await expect(glance(page)).toContainText("(The figures as they stood on 14 July 2027, kept with this audit when it was finalised.)");
  await expect(page.getByText("Page 1 gives the figures kept on 14 July 2027; these are today's.")).toBeVisible();
  await expect(page.locator(".coverage-figures")).toContainText("1 of 2 people are fully trained (50%)");
  await page.reload();
  await expect(glance(page)).toContainText("1 of 1 people are fully trained (100%)");
});
