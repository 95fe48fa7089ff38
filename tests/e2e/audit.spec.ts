// The DSL's audit as a DSL would do it: start this year's audit, answer a section with
// evidence and an action, fill the filtering review with two checks, reload and find it
// all, compare with last year's audit, print the report and export the JSON.
import { readFileSync, writeFileSync } from "node:fs";
import { test, expect, expectAxeClean, ready } from "./fixtures";

const course = JSON.parse(readFileSync(new URL("../../content/course.json", import.meta.url), "utf8"));

const thisYear = (() => {
  const d = new Date();
  const start = d.getMonth() >= 8 ? d.getFullYear() : d.getFullYear() - 1;
  return { start, label: `${start}/${String((start + 1) % 100).padStart(2, "0")}`, slug: `${start}-${String((start + 1) % 100).padStart(2, "0")}` };
})();

test("a DSL answers a section, records the filtering review, compares years and prints the report", async ({ page }, testInfo) => {
  await page.goto("/audit");
  await expectAxeClean(page);
  await page.getByRole("button", { name: `Start a new ${thisYear.label} audit` }).click();
  await page.getByRole("link", { name: `Open the ${thisYear.label} audit` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Online-safety audit ${thisYear.label}`);
  // The policy's own review date (Autumn 2024) has passed.
  await expect(page.getByRole("note", { name: "Dates to act on" })).toContainText("The Social Media Policy was due for review by 31 December 2024 and that date has passed.");
  await expectAxeClean(page);

  await page.getByRole("link", { name: "Filtering and monitoring", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Filtering and monitoring");
  const iwf = page.getByRole("article", { name: /filtering provider a member of the Internet Watch Foundation/ });
  await iwf.getByLabel("Yes", { exact: true }).check();
  const checks = page.getByRole("article", { name: /filtering checks carried out and logged/ });
  await checks.getByLabel("Not sure").check();
  await checks.getByLabel("Evidence notes").fill("Checks happen but nobody writes them down.");
  await checks.getByRole("button", { name: "Add a document" }).click();
  await checks.getByLabel("Document", { exact: true }).fill("IT provider's termly report");
  await checks.getByLabel("Dated").fill("2026-10-01");
  await checks.getByRole("button", { name: "Add an action" }).click();
  await checks.getByLabel("What will be done").fill("Start a check log each half term");
  await checks.getByLabel("Owner").fill("Mrs T McCann");
  await checks.getByLabel("Due").fill("2026-01-15");
  await checks.getByLabel("Status").selectOption("In progress");
  const na = page.getByRole("article", { name: /all users, guests and school devices/ });
  await na.getByLabel("Not applicable").check();
  await na.getByLabel("Why it does not apply (required)").fill("No guest Wi-Fi and no devices go home.");
  await expectAxeClean(page);

  await page.goto(`/audit/${thisYear.slug}/filtering`);
  await page.getByLabel("Senior leader responsible").fill("Mr M Procter");
  await page.getByLabel("Governor responsible").fill("Louise Wood");
  await page.getByLabel("Filtering provider").fill("NetSafe Filtering Ltd");
  await page.getByRole("group", { name: /Internet Watch Foundation/ }).getByLabel("Yes").check();
  await page.getByLabel("Devices and technology in use, including personal devices and generative AI").fill("Pupil iPads, staff laptops; generative AI blocked for pupils.");
  for (const [who, device, result] of [["Mrs T McCann", "Pupil iPad", "Blocked"], ["IT provider", "Staff laptop", "Blocked"]]) {
    await page.getByRole("button", { name: "Add a check" }).click();
    const row = page.getByRole("group", { name: /^Check \d$/ }).last();
    await row.getByLabel("Who checked").fill(who);
    await row.getByLabel("Device").fill(device);
    await row.getByLabel("Location").fill("Year 5 classroom");
    await row.getByLabel("User group").fill("Pupils");
    await row.getByLabel("What was tested").fill("SWGfL test: child abuse, terrorist and adult content lists");
    await row.getByLabel("Result").fill(result);
  }
  await page.getByLabel("Date of this review").fill("2026-11-20");
  await expect(page.getByLabel("Next review due")).toHaveValue("2027-11-20");
  await expectAxeClean(page);

  // Everything survives a reload.
  await page.reload();
  await ready(page);
  await expect(page.getByRole("group", { name: "Check 2" }).getByLabel("Device")).toHaveValue("Staff laptop");
  await expect(page.getByLabel("Senior leader responsible")).toHaveValue("Mr M Procter");
  await page.goto(`/audit/${thisYear.slug}/sections/filtering-monitoring`);
  const again = page.getByRole("article", { name: /filtering checks carried out and logged/ });
  await expect(again.getByLabel("Not sure")).toBeChecked();
  await expect(again.getByLabel("Evidence notes")).toHaveValue("Checks happen but nobody writes them down.");
  await expect(again.getByLabel("Owner")).toHaveValue("Mrs T McCann");

  // Last year's audit, imported for comparison: checks were rated No, IWF was Yes.
  const last = {
    format: "online-safety-workbench", kind: "audit", schema_version: 1, app_version: "0.1.0", saved_at: "2026-07-10T12:00:00",
    data: {
      year: thisYear.start - 1, started_at: "2025-10-01T09:00:00", content_version: "2026.1",
      answers: { "fm-checks": { rating: "no" }, "fm-iwf": { rating: "yes" }, "fm-all-users": { rating: "yes" } },
    },
  };
  const lastPath = testInfo.outputPath("last-year.json");
  writeFileSync(lastPath, JSON.stringify(last));
  await page.goto(`/audit/${thisYear.slug}/summary`);
  await page.getByLabel("Import last year's audit to compare").setInputFiles(lastPath);
  await expect(page.getByText(/1 improved, 0 worsened, 0 rated for the first time/)).toBeVisible();
  const yoy = page.getByRole("region", { name: "Compared with last year" });
  await expect(yoy.getByRole("row", { name: /checks carried out and logged/ })).toContainText("Improved");
  await expect(yoy.getByRole("row", { name: /all users, guests and school devices/ })).toContainText("Changed");
  const plan = page.getByRole("table").filter({ hasText: "Start a check log each half term" });
  await expect(plan.getByRole("row", { name: /Start a check log/ })).toContainText("Overdue");
  await expect(page.getByRole("img", { name: "Ratings by section" })).toBeVisible();
  await expectAxeClean(page);

  await page.getByRole("link", { name: "Open the governors' report" }).click();
  const report = page.getByRole("article", { name: /online-safety audit/ });
  await expect(report.getByRole("heading", { level: 1 })).toHaveText(`West Kirby Primary School: online-safety audit ${thisYear.label}`);
  await expect(report.getByRole("region", { name: "Top risks" })).toContainText("Are filtering checks carried out and logged");
  await expect(report.getByRole("region", { name: "Overdue actions" })).toContainText("Start a check log each half term");
  await expect(report.getByRole("region", { name: "Filtering and monitoring review record" })).toContainText("NetSafe Filtering Ltd");
  await report.getByLabel("Designated Safeguarding Lead").fill("Mrs E Bailey");
  await report.getByLabel("Date signed by the DSL").fill("2026-11-25");
  await expectAxeClean(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  const pdf = await page.pdf({ format: "A4" });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  expect(pages, "a summary page then detail").toBeGreaterThanOrEqual(2);
  testInfo.annotations.push({ type: "report pages", description: String(pages) });
  await page.emulateMedia({ media: "screen" });

  await page.goto(`/audit/${thisYear.slug}`);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export this audit (JSON)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`online-safety-audit-${thisYear.slug}.json`);
  const json = JSON.parse(readFileSync(await file.path(), "utf8"));
  expect(json).toMatchObject({ format: "online-safety-workbench", kind: "audit", schema_version: 1, content_version: course.content_version });
  expect(json.data.year).toBe(thisYear.start);
  expect(json.data.answers["fm-checks"]).toMatchObject({ rating: "not-sure", notes: "Checks happen but nobody writes them down." });
  expect(json.data.answers["fm-checks"].actions[0]).toMatchObject({ what: "Start a check log each half term", owner: "Mrs T McCann", due: "2026-01-15", status: "in-progress" });
  expect(json.data.filtering.checks).toHaveLength(2);
  expect(json.data.filtering.iwf_member).toBe("yes");
  expect(json.data.sign_off).toMatchObject({ dsl: "Mrs E Bailey", dsl_date: "2026-11-25" });
  expect(json.data.previous.year).toBe(thisYear.start - 1);
});

test("the pager moves from one section to the next and back", async ({ page }) => {
  await page.goto("/audit");
  await page.getByRole("button", { name: `Start a new ${thisYear.label} audit` }).click();
  await page.goto(`/audit/${thisYear.slug}/sections/pupils`);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText("Pupils");
  const pager = page.getByRole("navigation", { name: "Sections" });
  const next = pager.getByRole("link").last();
  const nextTitle = (await next.textContent())!.replace(" ›", "");
  await next.click();
  await expect(heading).toHaveText(nextTitle);
  await expect(page).toHaveURL(new RegExp(`/audit/${thisYear.slug}/sections/`));
  await pager.getByRole("link", { name: "‹ Pupils" }).click();
  await expect(heading).toHaveText("Pupils");
  await page.goBack();
  await expect(heading).toHaveText(nextTitle);
});

test("next year starts from this year's answers, to be confirmed again", async ({ page }) => {
  // Put last year's audit on the device through the import, then start this year from it.
  const last = {
    format: "online-safety-workbench", kind: "audit", schema_version: 1, app_version: "0.1.0", saved_at: "2026-07-10T12:00:00",
    data: { year: thisYear.start - 1, started_at: "2025-10-01T09:00:00", content_version: "2026.1", answers: { "pu-aup": { rating: "partly", notes: "Only KS2 has seen it" } } },
  };
  await page.goto("/audit");
  await page.getByLabel("Choose an audit file").setInputFiles({ name: "last.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(last)) });
  await expect(page.getByText(`The ${thisYear.start - 1}/${String(thisYear.start % 100).padStart(2, "0")} audit has been imported`)).toBeVisible();
  await page.getByRole("button", { name: /Start from the .* answers/ }).click();
  await page.getByRole("link", { name: `Open the ${thisYear.label} audit` }).click();
  await expect(page.getByText("1 ratings were carried over from last year and need confirming.")).toBeVisible();
  await page.goto(`/audit/${thisYear.slug}/sections/pupils`);
  const aup = page.getByRole("article", { name: /Acceptable Use Policy/ });
  await expect(aup).toContainText("Carried over from last year as “Partly”");
  await expect(aup.getByLabel("Evidence notes")).toHaveValue("Only KS2 has seen it");
  await aup.getByLabel("Yes", { exact: true }).check();
  await expect(aup).not.toContainText("Carried over");
  await expectAxeClean(page);
});
