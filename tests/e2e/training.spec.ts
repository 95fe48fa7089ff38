// A staff member's whole journey: profile, reading, a failed quiz and its review, a retake,
// a reload mid-quiz, completing the course, the certificate and the exported record.
import { readFileSync } from "node:fs";
import { test, expect, expectAxeClean, ready } from "./fixtures";
import { modules, questionIn, shown, tick, type Module } from "./course";
import type { Page } from "@playwright/test";

async function createProfile(page: Page, name: string, role: string) {
  await page.goto("/training");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Role").selectOption({ label: role });
  await page.getByRole("button", { name: "Create profile" }).click();
  await expect(page.getByRole("heading", { name: `${name}: Induction` })).toBeVisible();
}

async function readModule(page: Page, module: Module) {
  await page.goto(`/training/modules/${module.id}`);
  await ready(page);
  await page.getByLabel("I have read this section").first().waitFor();
  for (const box of await page.getByLabel("I have read this section").all()) await box.check();
  await expect(page.getByRole("link", { name: "Go to the quiz" })).toBeVisible();
}

/** Answers every question on the quiz page; `wrong` of them incorrectly. */
async function answerQuiz(page: Page, wrong = 0) {
  const fieldsets = page.locator("fieldset.question");
  const count = await fieldsets.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const fs = fieldsets.nth(i);
    const q = await questionIn(fs);
    // A wrong answer: a wrong option, or where every option is right, only one of them.
    const right = q.options.filter((o) => o.correct);
    const picks = i >= wrong ? right : [q.options.find((o) => !o.correct) ?? right[0]];
    await tick(fs, q, picks);
  }
}

test("a new member of staff fails, reviews, retakes and passes a module", async ({ page }) => {
  const module = modules.find((m) => m.id === "staff-personal-use")!;
  await createProfile(page, "Jane Smith", "Teaching staff");
  await expectAxeClean(page);
  await readModule(page, module);
  await expectAxeClean(page);

  await page.getByRole("link", { name: "Go to the quiz" }).click();
  await page.getByRole("button", { name: "Start the quiz" }).click();
  const draw = module.draw;
  await expect(page.locator("fieldset.question")).toHaveCount(draw);
  await expectAxeClean(page);
  await answerQuiz(page, 3);
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Not passed" })).toContainText(`You scored ${draw - 3} out of ${draw} (${Math.floor(((draw - 3) * 100) / draw)}%). The pass mark is 80%.`);
  await expect(page.getByText("Wrong", { exact: true })).toHaveCount(3);
  await expect(page.getByText("(Correct answer)").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Policy: section B" }).first()).toHaveAttribute("href", "/policy#section-b");
  await expectAxeClean(page);

  await page.getByRole("button", { name: "Retake the quiz with new questions" }).click();
  await answerQuiz(page, 0);
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Passed" })).toContainText(`${draw} out of ${draw} (100%)`);
  await page.getByRole("link", { name: "Back to your training" }).click();
  await expect(page.getByRole("row", { name: new RegExp(module.title) })).toContainText("Passed 100%");
});

test("answers survive a reload in the middle of a quiz", async ({ page }) => {
  const module = modules.find((m) => m.id === "four-cs")!;
  await createProfile(page, "Sam Lee", "Support staff");
  await readModule(page, module);
  await page.goto(`/training/modules/${module.id}/quiz`);
  await page.getByRole("button", { name: "Start the quiz" }).click();
  const first = page.locator("fieldset.question").first();
  const prompts = await page.locator("fieldset.question .prompt").allInnerTexts();
  await answerQuiz(page, 0);
  await expect(page.getByText(`${module.draw} of ${module.draw} answered.`)).toBeVisible();
  await page.reload();
  await expect(page.locator("fieldset.question .prompt")).toHaveText(prompts);
  await expect(page.getByText(`${module.draw} of ${module.draw} answered.`)).toBeVisible();
  await expect(first.locator("input:checked")).not.toHaveCount(0);
});

test("a quiz can be done with the keyboard alone", async ({ page }) => {
  const module = modules.find((m) => m.id === "images-and-consent")!;
  await createProfile(page, "Kim Key", "Volunteer or parent helper");
  await readModule(page, module);
  await page.goto(`/training/modules/${module.id}/quiz`);
  await page.getByRole("button", { name: "Start the quiz" }).focus();
  await page.keyboard.press("Enter");
  const fieldsets = page.locator("fieldset.question");
  await expect(fieldsets).toHaveCount(module.draw);
  for (let i = 0; i < module.draw; i++) {
    const fs = fieldsets.nth(i);
    const q = await questionIn(fs);
    for (const o of q.options.filter((o) => o.correct)) {
      // Tab to the option, as a keyboard user would, then Space to choose it.
      const input = fs.locator(`input[id="q-${q.id}-${o.id}"]`);
      await expect(fs.locator(`label[for="q-${q.id}-${o.id}"]`)).toHaveText(shown(o.text));
      await input.focus();
      await expect(input).toBeFocused();
      await page.keyboard.press("Space");
      await expect(input).toBeChecked();
    }
  }
  await page.getByRole("button", { name: "Submit answers" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Passed" })).toBeVisible();
});

test("completing the course gives a printable certificate and an exported record", async ({ page }) => {
  await createProfile(page, "Gill Governor", "Governor");
  const required = await page.locator("table.modules tbody th a").allInnerTexts();
  expect(required.length).toBeGreaterThanOrEqual(7);
  for (const title of required) {
    const module = modules.find((m) => m.title === title)!;
    await readModule(page, module);
    await page.goto(`/training/modules/${module.id}/quiz`);
    await page.getByRole("button", { name: "Start the quiz" }).click();
    await answerQuiz(page, 0);
    await page.getByRole("button", { name: "Submit answers" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Passed" })).toBeVisible();
  }
  await page.goto("/training");
  await expect(page.getByText(/Your training is complete and valid until/)).toBeVisible();
  await expectAxeClean(page);

  await page.getByRole("link", { name: "View and print your certificate" }).click();
  const cert = page.getByRole("article");
  await expect(cert.getByRole("heading", { level: 1 })).toHaveText("Record of completion");
  await expect(cert).toContainText("Gill Governor");
  await expect(cert).toContainText("The DSL confirms it by finding this record id in the school's training matrix.");
  await expect(cert).toContainText("West Kirby Primary School");
  await expect(cert).toContainText("Social Media Policy v3, October 2023");
  // Nothing declared yet: the certificate says so rather than leaving it out.
  await expect(cert.getByRole("definition").filter({ hasText: /declared/i })).toHaveText("Not declared");
  await expect(cert.locator("tbody tr")).toHaveCount(required.length);
  await expectAxeClean(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print certificate" })).toBeHidden();
  const pdf = await page.pdf({ format: "A4" });
  expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length, "one A4 page").toBe(1);
  await page.emulateMedia({ media: "screen" });

  await page.goto("/training");
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export my training record" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^training-record-gill-governor-\d{4}-\d{2}-\d{2}\.json$/);
  const bytes = readFileSync(await file.path(), "utf8");
  test.info().annotations.push({ type: "record size", description: `${bytes.length} bytes` });
  const record = JSON.parse(bytes);
  expect(record.format).toBe("online-safety-workbench");
  expect(record.kind).toBe("training-record");
  expect(record.schema_version).toBe(2);
  expect(record.data.person).toMatchObject({ name: "Gill Governor", role: "governor" });
  expect(record.data.policy_version).toBe("Social Media Policy v3, October 2023");
  expect(record.data.attempts).toHaveLength(required.length);
  expect(Object.keys(record.data.attempts[0].answers).length).toBeGreaterThan(0);

  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Erase my data from this device" }).click();
  await expect(page.getByRole("heading", { name: "Create your profile" })).toBeVisible();
});
