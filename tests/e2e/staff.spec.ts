// The DSL's staff records as a DSL would use them: drop five exported records (one edited,
// one broken, one a duplicate), read the statuses and errors, filter, and export the CSV.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test, expect, expectAxeClean } from "./fixtures";

type Option = { id: string; correct?: boolean };
type Question = { id: string; options: Option[] };
type Module = { id: string; title: string; audience: "all" | { roles: string[] }; questions: Question[] };

const dir = join(import.meta.dirname, "../../content/modules");
const modules: Module[] = readdirSync(dir).sort().map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")));
const course = JSON.parse(readFileSync(join(import.meta.dirname, "../../content/course.json"), "utf8"));

const daysAgo = (n: number) => {
  const d = new Date();
  d.setDate(d.getDate() - n);
  const pad = (x: number) => String(x).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T10:00:00`;
};

/** An attempt at a module: five questions answered right (or wrong), stating `claim`%. */
function attempt(m: Module, id: string, when: string, right: boolean, claim?: number) {
  const qs = m.questions.slice(0, 5);
  const answers = Object.fromEntries(
    qs.map((q) => [q.id, right ? q.options.filter((o) => o.correct).map((o) => o.id) : [q.options.find((o) => !o.correct)!.id]]),
  );
  const correct = right ? 5 : 0;
  const percent = claim ?? correct * 20;
  return {
    id, module_id: m.id, seed: 1, questions: qs.map((q) => ({ question_id: q.id, option_order: q.options.map((o) => o.id) })),
    answers, started_at: when, submitted_at: when,
    score: { correct: claim === undefined ? correct : 5, total: 5, percent, pass_mark: course.pass_mark, passed: percent >= course.pass_mark },
    content_version: course.content_version, policy_version: course.policy_version,
  };
}

function record(id: string, name: string, role: string, passedDaysAgo: number, tamper?: string) {
  const when = daysAgo(passedDaysAgo);
  const required = modules.filter((m) => m.audience === "all" || m.audience.roles.includes(role));
  const attempts = required.map((m, i) => (m.id === tamper ? attempt(m, `${id}-${i}`, when, false, 100) : attempt(m, `${id}-${i}`, when, true)));
  return JSON.stringify({
    format: "online-safety-workbench", kind: "training-record", schema_version: 1, app_version: "0.1.0",
    content_version: course.content_version, saved_at: when,
    data: { record_id: id, person: { name, role, start_date: "2025-09-01", track: "induction" }, content_version: course.content_version,
      policy_version: course.policy_version, exported_at: when, attempts },
  });
}

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
