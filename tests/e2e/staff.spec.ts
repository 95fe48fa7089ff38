// The DSL's staff records as a DSL would use them: drop five exported records (one edited,
// one broken, one a duplicate), read the statuses and errors, filter, and export the CSV.
import { readFileSync } from "node:fs";
import { test, expect, expectAxeClean } from "./fixtures";
import { record } from "./records";

const file = (name: string, text: string) => ({ name, mimeType: "application/json", buffer: Buffer.from(text) });

test("a DSL imports five records and sees who is trained, who is due and which file was altered", async ({ page }) => {
  const ann = record("r-ann", "Ann Able", "teaching", 30);
  await page.goto("/staff");
  await expect(page.getByText("No staff training records have been imported yet.")).toBeVisible();
  await expectAxeClean(page);

  await page.getByLabel("Choose training record files").setInputFiles([
    file("ann.json", ann),
    file("ben.json", record("r-ben", "Baker, Ben \"BB\"", "support", 350)),
    file("cal.json", record("r-cal", "Cal Cheat", "governor", 20, "governors")),
    file("broken.json", ann.slice(0, 200)),
    file("ann-again.json", ann),
  ]);
  const results = page.getByRole("region", { name: /file\(s\) read/ });
  await expect(results.getByRole("heading")).toHaveText("5 file(s) read, 1 not imported");
  await expect(results).toContainText("broken.json was not imported: This is not a JSON file");
  await expect(results).toContainText("ann-again.json Ann Able: already up to date.");
  await expect(page.getByText("Showing 3 of 3 people.")).toBeVisible();

  const row = (name: string | RegExp) => page.getByRole("row", { name });
  await expect(row(/^Ann Able/)).toContainText("Trained");
  await expect(row(/^Baker, Ben/)).toContainText("Due within 30 days");
  await expect(row(/^Cal Cheat/)).toContainText("In progress");
  await expect(row(/^Cal Cheat/)).toContainText("Altered: governors: stated 100%, re-scored 0%");
  await expect(page.locator(".coverage-figures")).toContainText("2 of 3 people are fully trained (66%). 1 due within 30 days; 0 overdue.");
  await expectAxeClean(page);

  await page.getByLabel("Show").selectOption({ label: "Overdue or due within 30 days" });
  await expect(page.getByText("Showing 1 of 3 people.")).toBeVisible();
  await expect(page.locator("table.matrix tbody tr")).toHaveCount(1);
  await page.getByLabel("Show").selectOption({ label: "Altered or unverifiable records" });
  await expect(page.locator("table.matrix tbody th")).toHaveText(["Cal Cheat"]);
  await page.getByLabel("Show").selectOption({ label: "Everyone" });
  await page.getByLabel("Role").selectOption({ label: "Governor" });
  await expect(page.locator("table.matrix tbody th")).toHaveText(["Cal Cheat"]);
  await page.getByLabel("Role").selectOption({ label: "All roles" });
  await page.getByLabel("Sort by").selectOption({ label: "Status" });
  await expect(page.locator("table.matrix tbody th")).toHaveText(["Baker, Ben \"BB\"", "Cal Cheat", "Ann Able"]);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export as CSV" }).click();
  const csv = readFileSync(await (await download).path(), "utf8");
  const lines = csv.trim().split("\n");
  expect(lines[0]).toMatch(/^Name,Role,Overall,Valid until,"Why this matters: .*",Pupils and social networking in school,/);
  expect(lines).toHaveLength(4);
  expect(lines[1]).toMatch(/^"Baker, Ben ""BB""",Support staff,Due within 30 days,\d{4}-\d{2}-\d{2},Passed/);
  expect(lines[2]).toMatch(/^Cal Cheat,Governor,In progress,,/);
  expect(lines[2]).toContain("governors: stated 100%, re-scored 0%");

  // The records survive a reload and feed the audit's training item.
  await page.reload();
  await expect(page.getByText("Showing 3 of 3 people.")).toBeVisible();
  page.once("dialog", (d) => d.accept());
  await row(/^Cal Cheat/).getByRole("button", { name: "Remove Cal Cheat" }).click();
  await expect(page.getByText("Showing 2 of 2 people.")).toBeVisible();
});
