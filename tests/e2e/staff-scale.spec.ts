// The staff records at the size of a large school's staff plus governors and volunteers: a
// shared folder of 1,000 genuine records (made as the app makes them, in sub-folders, beside a
// few files that are not records) imported with its progress shown, then filtered, sorted and
// paged. Timings are recorded as annotations for the issue notes, not asserted: this checks
// that it works at scale. The browser's clock is a year on from the records' release.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { test, expect, expectAxeClean } from "./fixtures";
import { record, addMinutes } from "./records";

const roles = ["teaching", "support", "governor", "volunteer", "dsl", "other"];
/** A day from content 2026.2's release (25 November 2026) on. */
const day = (n: number) => addMinutes("2026-11-25T00:00:00", n * 24 * 60).slice(0, 10);

/** A shared folder of 1,000 records, one sub-folder per role, and three files that are not records. */
function folder(dir: string): string {
  const root = join(dir, "Staff training records");
  for (const role of roles) mkdirSync(join(root, role), { recursive: true });
  for (let n = 0; n < 1000; n++) {
    const role = roles[n % roles.length];
    // Every 17th person failed the four Cs quiz; the rest passed everything on a day in the year.
    const text = record({ id: `r-${n}`, name: `Person ${String(n).padStart(4, "0")}`, role, on: day(n % 371), wrong: n % 17 === 0 ? { "four-cs": 5 } : undefined });
    writeFileSync(join(root, role, `training-record-person-${n}.json`), text);
  }
  writeFileSync(join(root, "read me.txt"), "Save your training record here.");
  writeFileSync(join(root, "desktop.ini"), "[.ShellClassInfo]");
  writeFileSync(join(root, "teaching", "certificate.pdf"), "%PDF-1.4");
  return root;
}

/** Chooses an option and times, in the page, until the change is painted. */
async function timed(page: Page, label: string, option: string): Promise<number> {
  return page.evaluate(
    async ({ label, option }) => {
      const l = [...document.querySelectorAll("label")].find((l) => l.textContent!.trim() === label)!;
      const select = l.control as HTMLSelectElement;
      const value = [...select.options].find((o) => o.textContent === option)!.value;
      const t0 = performance.now();
      select.value = value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - t0;
    },
    { label, option },
  );
}

/** What the import says as it goes and when it is done. */
const importStatus = (page: Page) => page.getByRole("region", { name: "Import records" }).getByRole("status");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test("a folder of 1,000 records imports with its progress, and the matrix stays quick", async ({ page }, info) => {
  test.setTimeout(240_000);
  const dir = folder(info.outputPath("shared"));
  await page.clock.setFixedTime(new Date("2027-12-01T09:00:00"));
  await page.goto("/staff");
  await expect(page.getByText("No staff training records have been imported yet.")).toBeVisible();
  // Every text the status shows, when, and the page's long tasks (busy for over 50 ms).
  await page.evaluate(() => {
    const w = window as unknown as { seen: [number, string][]; tasks: [number, number][] };
    w.seen = [];
    w.tasks = [];
    const status = document.querySelector(".import-status")!;
    new MutationObserver(() => w.seen.push([performance.now(), status.textContent ?? ""])).observe(status, { subtree: true, childList: true, characterData: true });
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.tasks.push([e.startTime, e.duration]))).observe({ type: "longtask" });
  });
  let t = Date.now();
  await page.getByLabel("Or choose a folder of records").setInputFiles(dir);
  const status = importStatus(page);
  await expect(status).toHaveText("Import finished: 1,000 added, 3 skipped (not .json files).", { timeout: 120_000 });
  await expect(page.getByText("Showing 1000 of 1000 people.")).toBeVisible();
  const importMs = Date.now() - t;
  const { seen, tasks } = await page.evaluate(() => {
    const w = window as unknown as { seen: [number, string][]; tasks: [number, number][] };
    return { seen: w.seen, tasks: w.tasks };
  });
  const steps = seen.map(([, s]) => s).filter((s) => /^Read [\d,]+ of 1,000 files$/.test(s));
  expect(steps.length, `progress seen: ${seen.map(([, s]) => s).join(" | ")}`).toBeGreaterThan(3);
  expect(steps).toContain("Read 500 of 1,000 files");
  // In the page: from the first progress shown to the end (the browser handing the files
  // over is before it), and the longest stretch the page could not answer in that time.
  const began = seen.find(([, s]) => s.startsWith("Read 0 of"))![0];
  const ended = seen.find(([, s]) => s.startsWith("Import finished"))![0];
  const inPageMs = ended - began;
  const longest = Math.max(0, ...tasks.filter(([at]) => at >= began - 1).map(([, d]) => d));
  await expect(page.getByText("Skipped, as they are not .json files:")).toContainText("read me.txt");
  await expect(page.getByRole("region", { name: /file\(s\) read/ }).getByRole("heading")).toHaveText("1000 file(s) read, 0 not imported");
  await expect(page.locator(".coverage-figures")).toContainText("of 1000 people are fully trained");

  // One page of 50 rows at a time, each row saying where it stands among all 1,000.
  const rows = page.locator("table.matrix tbody tr");
  await expect(rows).toHaveCount(50);
  await expect(page.locator("table.matrix")).toHaveAttribute("aria-rowcount", "1001");
  await expect(rows.first()).toHaveAttribute("aria-rowindex", "2");
  await expect(rows.first().locator("th")).toHaveText("Person 0000");

  // Filter, show everyone again and sort: timed in the page, three times each.
  const times = { filter: [] as number[], all: [] as number[], status: [] as number[], name: [] as number[] };
  for (let i = 0; i < 3; i++) {
    times.filter.push(await timed(page, "Show", "Overdue or due within 30 days"));
    await expect(page.getByText(/^Showing \d+ of 1000 people\.$/)).not.toHaveText("Showing 1000 of 1000 people.");
    await expect(rows.first()).toContainText(/Overdue|Due within 30 days/);
    times.all.push(await timed(page, "Show", "Everyone"));
    await expect(page.getByText("Showing 1000 of 1000 people.")).toBeVisible();
    times.status.push(await timed(page, "Sort by", "Status"));
    await expect(rows.first()).toContainText("Overdue");
    times.name.push(await timed(page, "Sort by", "Name"));
    await expect(rows.first().locator("th")).toHaveText("Person 0000");
  }
  await expectAxeClean(page);

  // The last page, from the pager, by keyboard.
  const pager = page.getByRole("navigation", { name: "Pages of the matrix" });
  await pager.getByLabel("Page").selectOption("20");
  await expect(pager).toContainText("People 951 to 1000 of 1,000");
  await expect(rows.last()).toHaveAttribute("aria-rowindex", "1001");
  await expect(rows.last().locator("th")).toHaveText("Person 0999");
  await expect(pager.getByRole("button", { name: "Next page" })).toHaveAttribute("aria-disabled", "true");
  await pager.getByRole("button", { name: "Previous page" }).focus();
  await page.keyboard.press("Enter");
  await expect(pager).toContainText("People 901 to 950 of 1,000");
  await expect(pager.getByRole("button", { name: "Previous page" })).toBeFocused();

  // Finding one person among 1,000.
  await page.getByLabel("Find a name").fill("person 0421");
  await expect(page.getByText("Showing 1 of 1000 people.")).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(pager).toBeHidden();
  await page.getByLabel("Find a name").fill("");

  // The same folder again: every record is already up to date.
  t = Date.now();
  await page.getByLabel("Or choose a folder of records").setInputFiles(dir);
  await expect(status).toHaveText("Import finished: 1,000 already up to date, 3 skipped (not .json files).", { timeout: 120_000 });
  const againMs = Date.now() - t;

  const ms = (xs: number[]) => `${median(xs).toFixed(0)} (${xs.map((x) => x.toFixed(0)).join(", ")})`;
  const figures = `folder of 1,000 chosen to matrix shown ${importMs} (in the page, first progress to done: ${inPageMs.toFixed(0)}; longest busy stretch ${longest.toFixed(0)}; ${steps.length} progress steps); filter ${ms(times.filter)}, show all ${ms(times.all)}, sort by status ${ms(times.status)}, sort by name ${ms(times.name)}; same folder again ${againMs}`;
  info.annotations.push({ type: "1,000-record timings (ms, in-page median of 3)", description: figures });
  console.log(`staff records at 1,000: ${figures}`);
});
