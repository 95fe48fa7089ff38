// Staff training records made the way the app makes them: a profile on the training page,
// modules read and their quizzes passed through the quiz page, then the app's own export.
// Nothing here writes record JSON by hand, so the records pass the DSL's checks exactly as
// a real member of staff's would.
import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { ready } from "./fixtures";
import { modules, questionIn, tick, type Module } from "./course";

/** Reads a module and passes its quiz with every answer right, typing a training session's
 * `code` first when there is one. */
async function passModule(page: Page, module: Module, code?: string) {
  await page.goto(`/training/modules/${module.id}`);
  await ready(page);
  await page.getByLabel("I have read this section").first().waitFor();
  for (const box of await page.getByLabel("I have read this section").all()) await box.check();
  await page.getByRole("link", { name: "Go to the quiz" }).click();
  if (code !== undefined) await page.getByLabel(/Training session code/).fill(code);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  const fieldsets = page.locator("fieldset.question");
  await expect(fieldsets.first()).toBeVisible();
  const count = await fieldsets.count();
  for (let i = 0; i < count; i++) {
    const fs = fieldsets.nth(i);
    const q = await questionIn(fs);
    await tick(fs, q, q.options.filter((o) => o.correct));
  }
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passed" })).toBeVisible();
}

/**
 * A member of staff on this device: a new profile (`role` as the Role list labels it), the
 * first `passes` of their required modules passed (all of them when omitted), and their
 * training record exported. Returns the exported file, ready for `setInputFiles`.
 */
export async function trainAndExport(page: Page, name: string, role: string, passes?: number, code?: string) {
  await page.goto("/training");
  await ready(page);
  const another = page.getByRole("button", { name: "Add another person" });
  if (await another.isVisible()) await another.click();
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Role").selectOption({ label: role });
  await page.getByRole("button", { name: "Create profile" }).click();
  await expect(page.getByRole("heading", { name: `${name}: Induction` })).toBeVisible();
  const required = await page.locator("table.modules tbody th a").allInnerTexts();
  for (const title of required.slice(0, passes ?? required.length)) {
    await passModule(page, modules.find((m) => m.title === title)!, code);
  }
  await page.goto("/training");
  await expect(page.getByRole("heading", { name: `${name}: Induction` })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export my training record" }).click();
  const file = await download;
  return { name: file.suggestedFilename(), mimeType: "application/json", buffer: readFileSync(await file.path()) };
}

/** The DSL imports exported records on the Staff records page. */
export async function importRecords(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]) {
  await page.goto("/staff");
  await ready(page);
  await page.getByLabel("Choose training record files").setInputFiles(files);
  await expect(page.getByRole("region", { name: /file\(s\) read/ }).getByRole("heading")).toHaveText(`${files.length} file(s) read, 0 not imported`);
}
