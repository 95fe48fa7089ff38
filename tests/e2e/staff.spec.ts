// The DSL's staff records as a DSL would use them. Every record is made the way the app makes
// it (records.ts, proved against the Rust domain by records.spec.ts); the forged ones are
// genuine records edited by hand, as a member of staff would edit theirs. The browser's clock
// is set (content 2026.2 was released on 25 November 2026, so every genuine attempt is dated
// on or after that day): records are never backdated to reach expiry.
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { test, expect, expectAxeClean } from "./fixtures";
import { record, edited, handMade, addMinutes } from "./records";

const file = (name: string, text: string) => ({ name, mimeType: "application/json", buffer: Buffer.from(text) });
const at = (local: string) => new Date(local);
const row = (page: Page, name: string | RegExp) => page.getByRole("row", { name });
const names = (page: Page) => page.locator("table.matrix tbody th");
/** What the import says as it goes and when it is done. */
const importStatus = (page: Page) => page.getByRole("region", { name: "Import records" }).getByRole("status");

const genuine = record({ id: "r-a11ce00000000001", name: "Ann Able", role: "teaching", on: "2026-11-26" });

test("a DSL imports genuine, hand-made, moved, edited and borrowed records and sees each for what it is", async ({ page }) => {
  await page.clock.setFixedTime(at("2026-12-01T09:00:00"));
  await page.goto("/staff");
  await expect(page.getByText("No staff training records have been imported yet.")).toBeVisible();
  await expect(page.getByText(/cannot show who answered/).first()).toBeVisible();
  await expectAxeClean(page);

  // Written by hand from the answer key: one question per module, all right, "100%".
  const hand = handMade({ id: "r-4a4d000000000002", name: "=1+1 Hal Hand", role: "support", on: "2026-11-26" });
  // Taken honestly, then every date moved a year on to stay "trained" for longer.
  const moved = edited({ id: "r-30ed000000000003", name: "Mo Moved", role: "governor", on: "2026-11-26" }, (data) => {
    const later = (t: string) => addMinutes(t, 365 * 24 * 60);
    data.exported_at = later(data.exported_at);
    for (const a of data.attempts) Object.assign(a, { started_at: later(a.started_at), submitted_at: later(a.submitted_at) });
  });
  // Failed the four Cs quiz (4 of 8 wrong: 50%), then edited the score to a pass.
  const scored = edited({ id: "r-ed17000000000004", name: "Ed Edit", role: "volunteer", on: "2026-11-27", wrong: { "four-cs": 4 } }, (data) => {
    const four = data.attempts.find((a) => a.module_id === "four-cs")!;
    four.score = { ...four.score, correct: 8, percent: 100, passed: true };
  });
  // A genuine record of someone else, under Ann's record id (copied from her certificate).
  const borrowed = record({ id: "r-a11ce00000000001", name: "Ivy Impostor", role: "support", on: "2026-11-28" });

  await page.getByLabel("Choose training record files").setInputFiles([
    file("ann.json", genuine),
    file("hal.json", hand),
    file("mo.json", moved),
    file("ed.json", scored),
    file("ivy.json", borrowed),
    file("broken.json", genuine.slice(0, 200)),
    file("ann-again.json", genuine),
  ]);
  await expect(importStatus(page)).toHaveText("Import finished: 4 added, 1 already up to date, 1 waiting for your decision, 1 not imported.");
  const results = page.getByRole("region", { name: /file\(s\) read/ });
  await expect(results.getByRole("heading")).toHaveText("7 file(s) read, 1 not imported");
  await expect(results).toContainText("ann.json Ann Able: added.");
  await expect(results).toContainText("broken.json was not imported: This is not a JSON file");
  await expect(results).toContainText("ann-again.json Ann Able: already up to date.");
  await expect(results).toContainText("ivy.json Ivy Impostor: its record id is held for Ann Able (Teaching staff).");
  await expect(page.getByText("Showing 4 of 4 people.")).toBeVisible();

  // Each record for what it is, with the reason in words.
  await expect(row(page, /^Ann Able/)).toContainText("Trained");
  await expect(row(page, /^Ann Able/)).toContainText("until 26 November 2027");
  await expect(row(page, /^Ann Able/)).not.toContainText("Not counted");
  const hal = row(page, /^=1\+1 Hal Hand/);
  await expect(hal).toContainText("Not started");
  await expect(hal).toContainText("Not counted: why-this-matters: Unverifiable: its questions are not the ones the app draws for this attempt;");
  const mo = row(page, /^Mo Moved/);
  await expect(mo).toContainText("Not started");
  await expect(mo).toContainText("Not counted: why-this-matters: Unverifiable: its dates are in the future;");
  const ed = row(page, /^Ed Edit/);
  await expect(ed).toContainText("In progress");
  await expect(ed).toContainText("Not counted: four-cs: Altered: stated 100%, the answers score 50%");
  await expect(ed).toContainText("Passed 27 November 2026 (100%)");
  // Coverage counts only the genuine record.
  await expect(page.locator(".coverage-figures")).toContainText("1 of 4 people are fully trained (25%). 0 due within 30 days; 0 overdue.");
  await expectAxeClean(page);

  // The borrowed id waits for the DSL's decision; keeping Ann's record changes nothing.
  const decision = page.getByRole("group", { name: "Decision for ivy.json" });
  await expect(decision).toContainText("\u201cIvy Impostor\u201d (Support staff) uses the record id r-a11ce00000000001, held for \u201cAnn Able\u201d (Teaching staff).");
  await expect(decision.getByRole("button")).toHaveText(["Keep Ann Able", "Replace with Ivy Impostor", "Keep both, as two people"]);
  await decision.getByRole("button", { name: "Keep Ann Able" }).click();
  await expect(page.getByRole("heading", { name: "Records that need a decision" })).toHaveCount(0);
  await expect(page.getByText("Showing 4 of 4 people.")).toBeVisible();
  await expect(row(page, /^Ann Able/)).toContainText("Teaching staff");

  // Filters.
  await page.getByLabel("Show").selectOption({ label: "With altered or unverifiable attempts" });
  await expect(names(page)).toHaveText(["=1+1 Hal Hand", "Ed Edit", "Mo Moved"]);
  await page.getByLabel("Show").selectOption({ label: "Everyone" });
  await page.getByLabel("Role").selectOption({ label: "Governor" });
  await expect(names(page)).toHaveText(["Mo Moved"]);
  await page.getByLabel("Role").selectOption({ label: "All roles" });
  await page.getByLabel("Sort by").selectOption({ label: "Status" });
  await expect(names(page)).toHaveText(["=1+1 Hal Hand", "Mo Moved", "Ed Edit", "Ann Able"]);

  // The CSV says what the check means first, and no cell can run as a formula.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export as CSV" }).click();
  const csv = readFileSync(await (await download).path(), "utf8");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe(`"Only attempts consistent with the course count: the answers pass the quiz, and the question draw (for that record and time), dates and score are what the app makes. This cannot show who answered: a passing file can be made without taking the quiz. Where that matters, have staff take the quiz at school in a session you supervise."`);
  expect(lines[1]).toMatch(/^Name,Role,Track,Overall,Valid until,"Why this matters: .*",Pupils and social networking in school,/);
  expect(lines).toHaveLength(6);
  expect(lines[2]).toMatch(/^'=1\+1 Hal Hand,Support staff,Induction,Not started,,Not started,/);
  expect(lines[2]).toContain("why-this-matters: Unverifiable: its questions are not the ones the app draws for this attempt");
  expect(lines[4]).toMatch(/^Ed Edit,Volunteer or parent helper,Induction,In progress,,Passed 2026-11-27 \(100%\),/);
  expect(lines[4]).toContain("four-cs: Altered: stated 100%, the answers score 50%");
  expect(lines[5]).toMatch(/^Ann Able,Teaching staff,Induction,Trained,2027-11-26,Passed 2026-11-26 \(100%\),/);
  for (const line of lines.slice(1)) expect(line).not.toMatch(/(^|,)[=+\-@\t\r]/);

  // The records survive a reload.
  await page.reload();
  await expect(page.getByText("Showing 4 of 4 people.")).toBeVisible();
  page.once("dialog", (d) => d.accept());
  await row(page, /^Mo Moved/).getByRole("button", { name: "Remove Mo Moved" }).click();
  await expect(page.getByText("Showing 3 of 3 people.")).toBeVisible();
});

test("a borrowed record id can replace the holder or be kept as a second person", async ({ page }) => {
  await page.clock.setFixedTime(at("2026-12-01T09:00:00"));
  await page.goto("/staff");
  const ivy = record({ id: "r-a11ce00000000001", name: "Ivy Impostor", role: "support", on: "2026-11-28" });
  await page.getByLabel("Choose training record files").setInputFiles([file("ann.json", genuine), file("ivy.json", ivy), file("ivy-again.json", ivy)]);
  await expect(page.getByRole("group", { name: /^Decision for ivy/ })).toHaveCount(2);
  await page.getByRole("group", { name: "Decision for ivy.json" }).getByRole("button", { name: "Keep both, as two people" }).click();
  await expect(names(page)).toHaveText(["Ann Able", "Ivy Impostor"]);
  // The second copy still names Ann's id, held for Ann: replacing gives it to Ivy.
  await page.getByRole("group", { name: "Decision for ivy-again.json" }).getByRole("button", { name: "Replace with Ivy Impostor" }).click();
  await expect(names(page)).toHaveText(["Ivy Impostor", "Ivy Impostor"]);
  await expect(page.getByText("These names belong to more than one record")).toBeVisible();
  await expectAxeClean(page);
});

test("passes fall due a year on: due within 30 days, then overdue (the browser's clock moves, not the records)", async ({ page }) => {
  await page.clock.setFixedTime(at("2026-12-20T09:00:00"));
  await page.goto("/staff");
  await page.getByLabel("Choose training record files").setInputFiles([
    file("ann.json", genuine),
    file("dan.json", record({ id: "r-da40000000000005", name: "Dan Later", role: "dsl", on: "2026-12-15" })),
  ]);
  await expect(page.getByText("Showing 2 of 2 people.")).toBeVisible();
  await expect(row(page, /^Dan Later/)).toContainText("Trained");

  await page.clock.setFixedTime(at("2027-11-10T09:00:00"));
  await page.reload();
  await expect(row(page, /^Ann Able/)).toContainText("Due within 30 days");
  await expect(row(page, /^Ann Able/)).toContainText("Passed (100%), due by 26 November 2027");
  await expect(row(page, /^Dan Later/)).toContainText("Trained");
  await expect(page.locator(".coverage-figures")).toContainText("2 of 2 people are fully trained (100%). 1 due within 30 days; 0 overdue.");

  await page.clock.setFixedTime(at("2027-11-30T09:00:00"));
  await page.reload();
  await expect(row(page, /^Ann Able/)).toContainText("Overdue");
  await expect(row(page, /^Ann Able/)).toContainText("Expired 26 November 2027");
  await expect(row(page, /^Dan Later/)).toContainText("Due within 30 days");
  await page.getByLabel("Show").selectOption({ label: "Overdue or due within 30 days" });
  await expect(names(page)).toHaveText(["Ann Able", "Dan Later"]);
});

test("records dropped on the page are imported, and files that are not records are skipped", async ({ page }) => {
  await page.clock.setFixedTime(at("2026-12-01T09:00:00"));
  await page.goto("/staff");
  const dropped = [
    ["ann.json", genuine],
    ["notes.txt", "Ann's notes"],
  ];
  const transfer = await page.evaluateHandle((dropped) => {
    const data = new DataTransfer();
    for (const [name, text] of dropped) data.items.add(new File([text], name, { type: name.endsWith(".json") ? "application/json" : "text/plain" }));
    return data;
  }, dropped);
  await page.locator(".drop-zone").dispatchEvent("drop", { dataTransfer: transfer });
  await expect(importStatus(page)).toHaveText("Import finished: 1 added, 1 skipped (not .json files).");
  await expect(page.getByText("Skipped, as they are not .json files: notes.txt.")).toBeVisible();
  await expect(row(page, /^Ann Able/)).toContainText("Trained");
});

test("more than 5,000 records at once: the first 5,000 are imported, the rest listed to import in another part", async ({ page }) => {
  await page.clock.setFixedTime(at("2026-12-01T09:00:00"));
  await page.goto("/staff");
  // 5,000 files that are not records (anyone could fill a shared folder with them), then a
  // genuine record: the import is not refused, and says which file it did not read.
  const transfer = await page.evaluateHandle((genuine) => {
    const data = new DataTransfer();
    for (let n = 0; n < 5000; n++) data.items.add(new File(["{}"], `r${n}.json`, { type: "application/json" }));
    data.items.add(new File([genuine], "ann.json", { type: "application/json" }));
    return data;
  }, genuine);
  await page.locator(".drop-zone").dispatchEvent("drop", { dataTransfer: transfer });
  await expect(importStatus(page)).toHaveText(
    "Import finished: 5,000 not imported, 1 not read (over one import's limit: listed below).",
    { timeout: 120_000 },
  );
  await expect(page.getByText("Not read, as one import reads at most 5,000 files")).toContainText("ann.json.");

  // The file left out imports on its own.
  const again = await page.evaluateHandle((genuine) => {
    const data = new DataTransfer();
    data.items.add(new File([genuine], "ann.json", { type: "application/json" }));
    return data;
  }, genuine);
  await page.locator(".drop-zone").dispatchEvent("drop", { dataTransfer: again });
  await expect(importStatus(page)).toHaveText("Import finished: 1 added.");
  await expect(row(page, /^Ann Able/)).toContainText("Trained");
});

test("a record file over the size limit is skipped with its own line, and the others import", async ({ page }) => {
  await page.clock.setFixedTime(at("2026-12-01T09:00:00"));
  await page.goto("/staff");
  const transfer = await page.evaluateHandle((genuine) => {
    const data = new DataTransfer();
    data.items.add(new File(["x".repeat(5_000_001)], "huge.json", { type: "application/json" }));
    data.items.add(new File([genuine], "ann.json", { type: "application/json" }));
    return data;
  }, genuine);
  await page.locator(".drop-zone").dispatchEvent("drop", { dataTransfer: transfer });
  await expect(importStatus(page)).toHaveText("Import finished: 1 added, 1 not imported.");
  await expect(page.getByRole("listitem").filter({ hasText: "huge.json" })).toContainText("This file is too large (5000001 bytes).");
  await expect(row(page, /^Ann Able/)).toContainText("Trained");
});
