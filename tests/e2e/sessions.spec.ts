// Training sessions and copies as a school meets them (issue 22). A DSL opens a session for an
// INSET day and marks who attended; staff take their quizzes typing its code (one through the
// app on the school's laptop) and export their records; the DSL imports them and the matrix,
// the coverage figures and the governors' report count the session's passes apart.
// Then the copies: a colleague's exported file with the name and record id changed, under the
// current questions and under the earlier ones, and last year's refresher replayed.
import type { Page } from "@playwright/test";
import { test, expect, expectAxeClean, ready } from "./fixtures";
import { trainAndExport, importRecords } from "./through-app";
import { record, edited, addMinutes } from "./records";

const row = (page: Page, name: string | RegExp) => page.getByRole("row", { name });
const file = (name: string, text: string) => ({ name, mimeType: "application/json", buffer: Buffer.from(text) });

test("a quiz taken with a session's code counts as taken in the session, for the people on its register", async ({ page }) => {
  // The INSET day: 10 December 2026, 10:00 to 16:00; the clock runs on from 13:40.
  await page.clock.install({ time: new Date("2026-12-10T13:40:00") });
  await page.goto("/staff");
  await ready(page);
  const sessions = page.getByRole("region", { name: "Training sessions" });
  await sessions.getByLabel("What it is").fill("INSET afternoon");
  await sessions.getByLabel("Starts").fill("10:00");
  await sessions.getByLabel("Ends").fill("16:00");
  await sessions.getByRole("button", { name: "Open the session" }).click();
  await expect(sessions.getByRole("status").first()).toContainText("The session is open. Its code is ");
  const code = (await sessions.locator(".session-code").first().innerText()).trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(sessions.getByRole("heading", { name: "INSET afternoon: 10 December 2026 at 10:00 to 16:00" })).toBeVisible();
  // Ann was in the room. Bo was given the code by a colleague.
  await sessions.getByRole("button", { name: "Mark who attended" }).click();
  await sessions.getByLabel("Someone not listed above").fill("Ann Able");
  await sessions.getByRole("button", { name: "Mark present" }).click();
  await expect(sessions.getByLabel("Ann Able")).toBeChecked();
  await expect(sessions).toContainText("1 marked present.");
  await expectAxeClean(page);

  // A mistyped code is caught before the quiz starts, and says why.
  await page.goto("/training");
  await ready(page);
  // Ann took every module in the morning, typing the code: her record as the app makes it
  // (records.ts, proved byte for byte against the app's own by records.spec.ts).
  const ann = file("ann.json", record({ id: "r-a11ce0000000000a", name: "Ann Able", role: "teaching", on: "2026-12-10", exported_at: "2026-12-10T12:45:00", code: code.replace("-", "") }));
  // Bo takes one module, typing the code as he heard it.
  const bo = await trainAndExport(page, "Bo Baker", "Teaching staff", 1, code.toLowerCase().replace("-", " "));
  await page.goto("/training/modules/why-this-matters/quiz");
  await ready(page);
  const typo = code.slice(0, -1) + (code.endsWith("A") ? "B" : "A");
  await page.getByLabel(/Training session code/).fill(typo);
  await expect(page.getByText("That is not a session code: check each character with your DSL, or leave it empty.")).toBeVisible();
  await expect(page.getByLabel(/Training session code/)).toHaveAttribute("aria-invalid", "true");

  await importRecords(page, [ann, bo]);
  const annRow = row(page, /^Ann Able/);
  await expect(annRow).toContainText("Trained");
  await expect(annRow).toContainText("In the session of 10 December 2026");
  const boRow = row(page, /^Bo Baker/);
  await expect(boRow).toContainText("In progress");
  await expect(boRow).not.toContainText("In the session of");
  await expect(boRow).toContainText("Session code used, not on the register (counted as self-reported): why-this-matters: the session of 10 December 2026");
  await expect(page.locator(".coverage-figures")).toContainText("1 of 2 people are fully trained (50%), 1 of them in a supervised session.");
  await expectAxeClean(page);

  // The governors' report says the same.
  await page.goto("/audit");
  await page.getByRole("button", { name: /^Start a new .* audit$/ }).click();
  await page.getByRole("link", { name: /^Open the .* audit$/ }).click();
  await page.getByRole("link", { name: "Governors' report" }).click();
  await expect(page.getByRole("heading", { name: "Training coverage" })).toBeVisible();
  await expect(page.getByText(/1 of 2 people are fully trained \(50%\), 1 of them in a supervised session/).first()).toBeVisible();

  // Once Bo is marked present too, his pass counts as supervised.
  await page.goto("/staff");
  await ready(page);
  await page.getByRole("region", { name: "Training sessions" }).getByRole("button", { name: "Mark who attended" }).click();
  await page.getByRole("region", { name: "Training sessions" }).getByLabel("Bo Baker").check();
  await expect(row(page, /^Bo Baker/)).toContainText("In the session of 10 December 2026");
});

test("a colleague's copied file never counts twice, and last year's refresher replayed does not extend the date", async ({ page }) => {
  await page.clock.setFixedTime(new Date("2026-12-12T09:00:00"));
  // Under the current questions the draw is tied to its record: a copy under a new name and id
  // is refused outright, and Ann's own file still counts.
  const ann = record({ id: "r-a11ce00000000001", name: "Ann Able", role: "teaching", on: "2026-12-07" });
  const copied = edited({ id: "r-a11ce00000000001", name: "Ann Able", role: "teaching", on: "2026-12-07" }, (data) => {
    data.record_id = "r-1771000000000009";
    data.person.name = "Ivy Impostor";
  });
  // Under the earlier questions a draw was not tied to its record: Cy's copy checks out, so
  // both rows are flagged and neither counts until the DSL removes the copy.
  const cy = record({ id: "r-c7c0000000000003", name: "Cy Cole", role: "support", on: "2026-11-27" });
  const cyCopy = edited({ id: "r-c7c0000000000003", name: "Cy Cole", role: "support", on: "2026-11-27" }, (data) => {
    data.record_id = "r-d0d0000000000004";
    data.person.name = "Dot Dodge";
  });
  await importRecords(page, [file("ivy.json", copied), file("ann.json", ann), file("dot.json", cyCopy), file("cy.json", cy)]);
  await expect(row(page, /^Ann Able/)).toContainText("Trained");
  const ivy = row(page, /^Ivy Impostor/);
  await expect(ivy).toContainText("Not started");
  await expect(ivy).toContainText("its questions were drawn for another record or another time");
  for (const [name, other] of [["Cy Cole", "Dot Dodge"], ["Dot Dodge", "Cy Cole"]]) {
    const r = row(page, new RegExp(`^${name}`));
    await expect(r).toContainText("Not started");
    await expect(r).toContainText(`the same attempt is in ${other}'s record`);
  }
  await expectAxeClean(page);
  page.once("dialog", (d) => d.accept());
  await row(page, /^Dot Dodge/).getByRole("button", { name: "Remove Dot Dodge" }).click();
  const cyRow = row(page, /^Cy Cole/);
  await expect(cyRow).toContainText("Trained");
  await expect(cyRow).toContainText("Taken under the earlier questions (2026.2)");

  // A year on, Ann's refresher file replayed: last year's attempts with new ids and every date
  // moved a year. The draw was tied to the old ids and times, so nothing new counts and her
  // pass still runs out when it did.
  const replayed = edited({ id: "r-a11ce00000000001", name: "Ann Able", role: "teaching", on: "2026-12-07" }, (data) => {
    const later = (t: string) => addMinutes(t, 365 * 24 * 60);
    data.exported_at = later(data.exported_at);
    data.attempts.forEach((a, i) => Object.assign(a, { id: `a-${String(i).padStart(16, "0")}`, started_at: later(a.started_at), submitted_at: later(a.submitted_at) }));
  });
  await page.clock.setFixedTime(new Date("2027-12-09T09:00:00"));
  await page.reload();
  await ready(page);
  await page.getByLabel("Choose training record files").setInputFiles(file("ann-2027.json", replayed));
  await expect(page.getByRole("region", { name: "Import records" }).getByRole("status")).toHaveText("Import finished: 1 with new attempts.");
  const annRow = row(page, /^Ann Able/);
  await expect(annRow).toContainText("Overdue");
  await expect(annRow).toContainText("Not counted:");
  await expect(annRow).toContainText("its questions were drawn for another record or another time");
});
