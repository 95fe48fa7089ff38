// The staff list as a DSL would use it: the school's SIMS export (40 people, a BOM, CRLF, a
// note with a line break, three rows that cannot be used: tests/fixtures/roster/make.py)
// previewed and applied; five staff records made the way the app makes them (records.ts);
// coverage counted over the list, naming who has not started; one person added, edited and
// removed by hand; the next term's export marking a leaver; and the governors' report page 1
// saying the list-based figure. Then chasing who is outstanding: the list by role, printed
// on its own, copied as one To line, and the expiry dates downloaded as a calendar. The
// clock is fixed: content 2026.2 was released on 25 November 2026, so every genuine attempt
// is dated on or after that day.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, expectAxeClean, ready } from "./fixtures";
import { record } from "./records";

const roster = (name: string, mimeType = "text/csv") => ({
  name,
  mimeType,
  buffer: readFileSync(new URL(`../fixtures/roster/${name}`, import.meta.url)),
});
const json = (name: string, text: string) => ({ name, mimeType: "application/json", buffer: Buffer.from(text) });
const listStatus = (page: Page) => page.getByRole("region", { name: "Staff list" }).getByRole("status").first();
const figures = (page: Page) => page.locator(".coverage-figures");
const matrixRow = (page: Page, name: RegExp) => page.locator("table.matrix").getByRole("row", { name });
const form = (page: Page) => page.locator("#list-person");
const listTable = (page: Page) => page.getByRole("table", { name: /^Everyone on the staff list/ });

test("a DSL imports the staff list, then five records, and sees coverage over everyone who must be trained", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.clock.setFixedTime(new Date("2026-12-01T09:00:00"));
  await page.goto("/staff");
  await expect(page.getByText("No one is on the staff list yet.")).toBeVisible();
  await expect(page.getByText(/Some MIS exports leave out staff who have not started yet, volunteers and governors/)).toBeVisible();

  // The SIMS export: its columns guessed, its preview, and each row it cannot use by line.
  let started = Date.now();
  await page.getByLabel("Choose a staff list file").setInputFiles(roster("sims-staff.csv"));
  await expect(page.getByText("sims-staff.csv: 44 rows, UTF-8, commas.")).toBeVisible();
  await expect(page.getByLabel("Column 2: Surname, Forename")).toHaveValue("full-name");
  await expect(page.getByLabel("Column 3: Staff Type")).toHaveValue("role");
  await expect(page.getByLabel("Column 7: Notes")).toHaveValue("ignore");
  await expect(page.getByLabel("The first row names the columns")).toBeChecked();
  await expect(page.getByText("40 to add, 0 changed, 0 unchanged, 0 on the list but not in this file, 3 rows that cannot be used.")).toBeVisible();
  testInfo.annotations.push({ type: "timing", description: `40-person export chosen to its preview shown: ${Date.now() - started} ms` });
  const bad = page.locator(".notice-warning", { hasText: "Rows that cannot be used (3)" }).getByRole("listitem");
  await expect(bad).toHaveText([
    'Line 14: the start date "31/02/2021" cannot be read: that day is not in that month.',
    "Line 22: there is no name.",
    'Line 32: the app cannot tell which role "Chaplain" is: choose one for it.',
  ]);
  await expectAxeClean(page);
  started = Date.now();
  await page.getByRole("button", { name: "Apply to the staff list" }).click();
  await expect(listStatus(page)).toHaveText("The staff list is updated: 40 added, 0 changed, 0 marked as left.");
  await expect(listTable(page).locator("caption")).toHaveText("Everyone on the staff list (40)");
  testInfo.annotations.push({ type: "timing", description: `Apply to the list shown (40 rows) and the matrix rebuilt: ${Date.now() - started} ms` });
  // Femi Adeyemi's export gives a leaving date that has passed: she is out of the figures.
  await expect(figures(page)).toContainText("0 of 39 people who must be trained are trained (0%); 39 have not started.");
  await expect(page.getByText("Showing 40 of 40 people.")).toBeVisible();
  await expect(matrixRow(page, /^Femi Adeyemi/)).toContainText("Left 31 August 2026");

  // Five staff records, made the way the app makes them, linked to people by name and role.
  started = Date.now();
  const five = ["Ann Able", "Bob Baker", "Cath Cole", "Dev Dunn", "Ella Evans"].map((name, i) =>
    json(`${name}.json`, record({ id: `r-11570000000000${10 + i}`, name, role: "teaching", on: "2026-11-26" })),
  );
  await page.getByLabel("Choose training record files").setInputFiles(five);
  await expect(page.getByRole("region", { name: "Import records" }).getByRole("status")).toHaveText("Import finished: 5 added.");
  await expect(figures(page)).toContainText("5 of 39 people who must be trained are trained (12%); 34 have not started.");
  testInfo.annotations.push({ type: "timing", description: `five records imported and coverage rebuilt: ${Date.now() - started} ms` });
  await expect(page.getByText("Not started (34):")).toBeVisible();
  await expect(page.locator(".due-list").first()).toContainText("Grace Green (Teaching staff)");
  await expect(page.getByText("Showing 40 of 40 people.")).toBeVisible();
  await expect(matrixRow(page, /^Ann Able/)).toContainText("Trained until");
  const grace = matrixRow(page, /^Grace Green/);
  await expect(grace).toContainText("Not started");
  await expect(grace).toContainText("Overdue");
  await expectAxeClean(page);

  // A governor the export leaves out, added by hand, then edited; someone added by mistake,
  // removed.
  await form(page).getByLabel("Name", { exact: true }).fill("Gail Ward");
  await form(page).getByLabel("Position").selectOption({ label: "Governor" });
  await form(page).getByLabel("Start date (optional)").fill("2026-09-01");
  await page.getByRole("button", { name: "Add to the staff list" }).click();
  await expect(page.getByText("Gail Ward is added to the staff list.")).toBeVisible();
  await expect(figures(page)).toContainText("5 of 40 people who must be trained are trained (12%); 35 have not started.");
  await page.getByRole("button", { name: "Edit Gail Ward" }).click();
  await expect(page.getByRole("heading", { name: "Edit Gail Ward" })).toBeVisible();
  await form(page).getByLabel("Work email (optional)").fill("g.ward@wkps.sch.uk");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Gail Ward's details are saved.")).toBeVisible();
  await expect(listTable(page).getByRole("row", { name: /^Gail Ward/ })).toContainText("g.ward@wkps.sch.uk");
  await form(page).getByLabel("Name", { exact: true }).fill("Added Bymistake");
  await page.getByRole("button", { name: "Add to the staff list" }).click();
  await expect(listTable(page).locator("caption")).toHaveText("Everyone on the staff list (42)");
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Remove Added Bymistake" }).click();
  await expect(listTable(page).locator("caption")).toHaveText("Everyone on the staff list (41)");
  await expectAxeClean(page);

  // Next term's export: three join, two changed, two missing from it. Kwame has left; Lucy is
  // on maternity leave, still on the staff. Gail, added by hand, is not offered as a leaver.
  await page.getByLabel("Choose a staff list file").setInputFiles(roster("sims-staff-spring.csv"));
  await expect(page.getByText(/^3 to add, 2 changed, \d+ unchanged, 2 on the list but not in this file, 0 rows that cannot be used\.$/)).toBeVisible();
  const leavers = page.getByRole("group", { name: "On the list but not in this file (2)" });
  await expect(leavers.getByRole("checkbox")).toHaveCount(2);
  await expect(leavers.getByRole("checkbox", { name: "Kwame Mensah (Teaching staff) has left" })).not.toBeChecked();
  await leavers.getByRole("checkbox", { name: "Kwame Mensah (Teaching staff) has left" }).check();
  await expectAxeClean(page);
  await page.getByRole("button", { name: "Apply to the staff list" }).click();
  await expect(listStatus(page)).toHaveText("The staff list is updated: 3 added, 2 changed, 1 marked as left.");
  await expect(listTable(page).locator("caption")).toHaveText("Everyone on the staff list (44)");
  // Kwame keeps his place and history, out of the figures; the three new starters count.
  await expect(matrixRow(page, /^Kwame Mensah/)).toContainText("Left 1 December 2026");
  await expect(figures(page)).toContainText("5 of 42 people who must be trained are trained (11%); 37 have not started.");
  await expect(figures(page)).toContainText("2 who left or are excluded are not counted.");

  // The governors' report, page 1, says the same.
  await page.goto("/audit");
  await page.getByRole("button", { name: "Start a new 2026/27 audit" }).click();
  await page.goto("/audit/2026-27/report");
  await ready(page);
  const glance = page.getByRole("region", { name: "Summary" }).locator(".at-a-glance");
  await expect(glance).toContainText(/Staff training\s*5 of 42 people who must be trained are trained \(11%\); 37 have not started\. By role: Teaching staff 5 of \d+;/);
  await expectAxeClean(page);
});

test("a DSL chases who is outstanding: prints the list alone, copies names and emails, downloads the expiry dates", async ({ page }) => {
  test.setTimeout(90_000);
  await page.clock.setFixedTime(new Date("2026-12-01T09:00:00"));
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/staff");
  const outstanding = page.getByRole("region", { name: "Outstanding and due" });
  await expect(outstanding).toContainText("Once the staff list is added");
  await page.getByLabel("Choose a staff list file").setInputFiles(roster("sims-staff.csv"));
  await page.getByRole("button", { name: "Apply to the staff list" }).click();
  await expect(listStatus(page)).toHaveText("The staff list is updated: 40 added, 0 changed, 0 marked as left.");
  const five = ["Ann Able", "Bob Baker", "Cath Cole", "Dev Dunn", "Ella Evans"].map((name, i) =>
    json(`${name}.json`, record({ id: `r-11570000000000${10 + i}`, name, role: "teaching", on: "2026-11-26" })),
  );
  await page.getByLabel("Choose training record files").setInputFiles(five);
  await expect(figures(page)).toContainText("5 of 39 people who must be trained are trained (12%); 34 have not started.");
  // A governor who joined last week, with no email: not started, inside her grace.
  await form(page).getByLabel("Name", { exact: true }).fill("Gail Ward");
  await form(page).getByLabel("Position").selectOption({ label: "Governor" });
  await form(page).getByLabel("Start date (optional)").fill("2026-11-24");
  await page.getByRole("button", { name: "Add to the staff list" }).click();
  await expect(page.getByText("Gail Ward is added to the staff list.")).toBeVisible();

  // The 35 not started, by role; the trained and the leaver are not chased.
  const rows = outstanding.locator("table.outstanding tbody tr");
  await expect(rows).toHaveCount(35);
  await expect(outstanding.getByRole("table", { name: /^Teaching staff \(\d+\)$/ }).getByRole("row", { name: /^Grace Green/ }).getByRole("cell")).toHaveText([
    "Not started",
    /^Overdue since /,
    "g.green@wkps.sch.uk",
  ]);
  await expect(outstanding.getByRole("row", { name: /^Gail Ward/ }).getByRole("cell")).toHaveText([
    "Not started",
    "New starter, due by 22 December 2026",
    "No work email on the list",
  ]);
  await expect(outstanding.getByRole("row", { name: /^Ann Able/ })).toHaveCount(0);
  await expect(outstanding.getByRole("row", { name: /^Femi Adeyemi/ })).toHaveCount(0);
  await expect(outstanding.getByRole("table", { name: "Governor (5)" })).toBeVisible();
  await expectAxeClean(page);

  // Copy names and emails: one To line on the clipboard, the person with no email named.
  await outstanding.getByRole("button", { name: "Copy names and emails" }).click();
  await expect(outstanding.getByRole("status")).toContainText(
    "34 names and emails copied: paste them into an email's To line. No work email on the staff list for: Gail Ward.",
  );
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const to = copied.split("; ");
  expect(to).toHaveLength(34);
  expect(to[0]).toBe("Grace Green <g.green@wkps.sch.uk>");
  expect(to).toContain("Siân O’Brien <s.obrien@wkps.sch.uk>");
  expect(copied).not.toContain("Ann Able");
  await expect(outstanding.getByLabel("Names and emails, for an email's To line")).toHaveValue(copied);
  await expectAxeClean(page);

  // The calendar: one all-day event on the day each trained person's training expires.
  const download = page.waitForEvent("download");
  await outstanding.getByRole("button", { name: "Download calendar (.ics)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("training-expiry-dates-2026-12-01.ics");
  const ics = readFileSync(await file.path(), "utf8");
  expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
  expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
  expect(ics.replace(/\r\n/g, "")).not.toContain("\n");
  for (const line of ics.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
  const lines = ics.replace(/\r\n /g, "").split("\r\n");
  expect(lines.filter((l) => l === "BEGIN:VEVENT")).toHaveLength(5);
  expect(lines).toContain("SUMMARY:Online safety training expires: Ann Able");
  expect(lines).toContain("DTSTART;VALUE=DATE:20271126");
  expect(lines).toContain("DTEND;VALUE=DATE:20271127");
  expect(lines.filter((l) => l.startsWith("UID:training-expiry-"))).toHaveLength(5);
  expect(lines.find((l) => l.startsWith("DESCRIPTION:"))).toContain("Ann Able (Teaching staff) at West Kirby Primary School");

  // Print: only this list, while the dialog is open.
  await page.evaluate(() => {
    (window as unknown as { printed: string[] }).printed = [];
    window.print = () =>
      (window as unknown as { printed: string[] }).printed.push(
        `${document.documentElement.dataset.printOnly} ${document.querySelector("[data-printing]")?.id}`,
      );
  });
  await outstanding.getByRole("button", { name: "Print this list" }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: string[] }).printed)).toEqual(["outstanding outstanding"]);
  expect(await page.evaluate(() => document.documentElement.dataset.printOnly)).toBeUndefined();
  // What the paper shows while it is open: the list, without its buttons, and nothing else.
  await page.evaluate(() => {
    document.documentElement.dataset.printOnly = "outstanding";
    document.getElementById("outstanding")!.dataset.printing = "";
  });
  await page.emulateMedia({ media: "print" });
  await expect(outstanding.getByRole("heading", { name: "Outstanding and due" })).toBeVisible();
  await expect(outstanding.getByRole("row", { name: /^Grace Green/ })).toBeVisible();
  await expect(outstanding.getByRole("button", { name: "Print this list" })).toBeHidden();
  await expect(page.getByRole("heading", { name: "Who is trained" })).toBeHidden();
  await expect(page.getByRole("heading", { name: "Staff list", exact: true })).toBeHidden();
  await expect(page.locator("main h1")).toBeHidden();
  await page.evaluate(() => {
    delete document.documentElement.dataset.printOnly;
    delete document.getElementById("outstanding")!.dataset.printing;
  });
  await expect(page.getByRole("heading", { name: "Who is trained" })).toBeVisible();
  await page.emulateMedia({ media: "screen" });

  // Someone excluded with a reason leaves the chase and stays on the list.
  await page.getByRole("button", { name: "Edit Grace Green" }).click();
  await form(page).getByLabel("Excluded from the figures: why (optional)").fill("Long-term absence");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Grace Green's details are saved.")).toBeVisible();
  await expect(outstanding.getByRole("row", { name: /^Grace Green/ })).toHaveCount(0);
  await expect(rows).toHaveCount(34);
  await expect(matrixRow(page, /^Grace Green/)).toContainText("Excluded from the figures");

  // New starters' grace, set in Settings: two weeks instead of four.
  await page.goto("/settings");
  const grace = page.getByLabel("New starters' grace period (days)");
  await expect(grace).toHaveValue("28");
  await grace.fill("400");
  await grace.press("Tab");
  await expect(page.getByRole("status").filter({ hasText: "Not saved" })).toHaveText("Not saved: the grace period is more than a year.");
  await grace.fill("14");
  await grace.press("Tab");
  await expect(page.getByLabel("Governor: must be trained")).toBeChecked();
  await expect(page.getByLabel("DSL or deputy DSL: formal training every (months)")).toHaveValue("24");
  await expectAxeClean(page);
  await page.goto("/staff");
  await expect(outstanding.getByRole("row", { name: /^Gail Ward/ }).getByRole("cell").nth(1)).toHaveText("New starter, due by 8 December 2026");

  // Record ids handed out in advance: everyone still at the school with no record gets one;
  // the link with the id fills it in on the training page's new profile.
  const ids = page.getByRole("region", { name: "Record ids to hand out" });
  await ids.getByRole("button", { name: "Give record ids to everyone without one" }).click();
  await expect(ids.getByRole("status")).toHaveText("35 people were given a record id.");
  const sheet = ids.getByRole("table", { name: "Record ids not yet used (35)" });
  await expect(sheet.getByRole("row", { name: /^Ann Able/ })).toHaveCount(0);
  const graceId = (await sheet.getByRole("row", { name: /^Grace Green/ }).getByRole("cell").nth(1).textContent())!;
  expect(graceId).toMatch(/^r-[0-9a-f]{16}$/);
  await ids.getByRole("button", { name: "Copy the ids for an email" }).click();
  await expect(ids.getByRole("status")).toContainText("The record ids are copied");
  const idText = await page.evaluate(() => navigator.clipboard.readText());
  expect(idText).toContain(`Grace Green (Teaching staff): ${graceId}\n`);
  expect(idText).toContain("enter this record id");
  await expectAxeClean(page);
  await page.goto(`/training#record=${graceId}`);
  await expect(page.getByLabel("Record id from your DSL (optional)")).toHaveValue(graceId);
  await expectAxeClean(page);
});
