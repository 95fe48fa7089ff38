// The dated "I have read and understood" declaration: a person takes the course through the
// app, declares, exports; the DSL imports the record and sees the declaration in the matrix,
// the CSV and the governors' figure. When the content names a new version of the policy, the
// person is asked again (the earlier declaration kept) and the DSL's matrix shows the earlier
// one as out of date. The new policy is the content's own course.json with another policy
// version, served in its place (content is fetched from the app's origin; content.spec.ts).
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, expectAxeClean } from "./fixtures";
import { trainAndExport } from "./through-app";
import { course, edited, record } from "./records";

// The worker would answer from its own cache; the content here is what the host sends.
test.use({ serviceWorkers: "block" });

const policy = course.policy_version;
const newPolicy = "Social Media Policy v4, September 2027";
const teachersReading = course.kcsie_reading.find((r) => r.roles.includes("teaching"))!.kcsie;
const long = (d: Date) => d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
const file = (name: string, text: string) => ({ name, mimeType: "application/json", buffer: Buffer.from(text) });
const declareButton = (page: Page) => page.getByRole("button", { name: "I declare that I have read and understood these" });

/** From now on the host serves the course as it is once the school adopts a new policy. */
async function adoptNewPolicy(page: Page) {
  const body = JSON.parse(readFileSync(new URL("../../content/course.json", import.meta.url), "utf8"));
  body.policy_version = newPolicy;
  await page.route("**/content/course.json", (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(body) }));
}

/** Ticks every statement and declares; returns what the confirmation says. */
async function declare(page: Page, statements: (string | RegExp)[]) {
  for (const s of statements) await page.getByLabel(s).check();
  await declareButton(page).click();
}

test("a person declares at the end of the course, the DSL sees it, and a new policy asks again", async ({ page }) => {
  const today = long(new Date());
  await trainAndExport(page, "Dee Clare", "Teaching staff");
  const section = page.getByRole("region", { name: "Your declaration" });
  await expect(section.getByRole("group", { name: "Before you finish: what you have read" })).toBeVisible();
  await expectAxeClean(page);

  // Nothing is declared until each statement is ticked (the browser holds the form back).
  await declareButton(page).click();
  expect(await section.getByRole("checkbox").first().evaluate((box: HTMLInputElement) => box.validity.valueMissing)).toBe(true);
  await expect(section.getByRole("status")).toHaveText("");
  await declare(page, [`I have read and understood the school's Social Media Policy (${policy}).`, `I have read and understood ${teachersReading}.`]);
  await expect(section.getByRole("status")).toHaveText(`Declared on ${today} (${policy}).`);
  await expect(declareButton(page)).toHaveCount(0);
  await expectAxeClean(page);
  // The certificate carries the declaration beside the policy it names.
  await page.getByRole("link", { name: "View and print your certificate" }).click();
  await expect(page.getByRole("article").getByRole("definition").filter({ hasText: /declared/i })).toHaveText(`Declared on ${today}`);
  await page.goto("/training");

  // The record carries it, with its date and what was declared.
  let download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export my training record" }).click();
  let exported = await download;
  const text = readFileSync(await exported.path(), "utf8");
  const declared = JSON.parse(text).data.declarations;
  expect(declared).toHaveLength(1);
  expect(declared[0]).toEqual({ declared_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/), kcsie: teachersReading, policy_version: policy });

  // The DSL imports it: the matrix, the governors' figure and the CSV show it.
  await page.goto("/staff");
  await page.getByLabel("Choose training record files").setInputFiles(file(exported.suggestedFilename(), text));
  await expect(page.getByRole("region", { name: "Import records" }).getByRole("status")).toHaveText("Import finished: 1 added.");
  const row = page.getByRole("row", { name: /^Dee Clare/ });
  await expect(row).toContainText(`Declared on ${today}`);
  await expect(page.locator(".coverage-figures")).toContainText("1 of 1 has declared they have read the current policy.");
  download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export as CSV" }).click();
  const lines = readFileSync(await (await download).path(), "utf8").trim().split(/\r?\n/);
  expect(lines[1]).toContain(",Declaration,");
  expect(lines[2]).toMatch(/,Declared \d{4}-\d\d-\d\d,/);
  await expectAxeClean(page);

  // The school adopts a new policy: the DSL sees the declaration as out of date.
  await adoptNewPolicy(page);
  await page.reload();
  await expect(row).toContainText(`Out of date: declared on ${today} for ${policy}`);
  await expect(page.locator(".coverage-figures")).toContainText("0 of 1 have declared they have read the current policy.");

  // The person is asked again, told why; their earlier declaration is kept.
  await page.goto("/training");
  await expect(section.getByText(`The policy has changed since you declared on ${today} that you had read ${policy}. The school now follows ${newPolicy}`)).toBeVisible();
  await expectAxeClean(page);
  await declare(page, [`I have read and understood the school's Social Media Policy (${newPolicy}).`, `I have read and understood ${teachersReading}.`]);
  await expect(section.getByRole("status")).toHaveText(`Declared on ${today} (${newPolicy}).`);
  download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export my training record" }).click();
  exported = await download;
  const both = JSON.parse(readFileSync(await exported.path(), "utf8")).data.declarations;
  expect(both.map((d: { policy_version: string }) => d.policy_version)).toEqual([policy, newPolicy]);
});

test("a record declared for an earlier policy shows as out of date, and an impossible one is refused", async ({ page }) => {
  await page.clock.setFixedTime(new Date("2026-12-08T09:00:00"));
  const spec = { id: "r-dec1a4ed00000001", name: "Ann Able", role: "support", on: "2026-12-07", declared_at: ["2026-12-07T17:00:00"] };
  // Naming a policy no version of the course has taught.
  const unknown = edited({ ...spec, id: "r-dec1a4ed00000002", name: "Una Known" }, (data) => {
    data.declarations[0].policy_version = "Social Media Policy v9, May 2031";
  });
  await page.goto("/staff");
  await page.getByLabel("Choose training record files").setInputFiles([file("ann.json", record(spec)), file("una.json", unknown)]);
  const results = page.getByRole("region", { name: /file\(s\) read/ });
  await expect(results.getByRole("heading")).toHaveText("2 file(s) read, 1 not imported");
  await expect(results).toContainText(
    'una.json was not imported: The file\'s field "declarations[0].policy_version" is missing or invalid: it names "Social Media Policy v9, May 2031", a policy version the course has never taught',
  );
  const ann = page.getByRole("row", { name: /^Ann Able/ });
  await expect(ann).toContainText("Declared on 7 December 2026");

  await adoptNewPolicy(page);
  await page.reload();
  await expect(ann).toContainText(`Out of date: declared on 7 December 2026 for ${policy}`);
  await expectAxeClean(page);
});
