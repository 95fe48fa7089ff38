// The matrix at the size of a large school's staff plus governors and volunteers: 1,000
// records dropped at once, then filtered, sorted and scrolled. Timings are recorded as
// annotations for the issue notes, not asserted: this checks it works at scale.
import { test, expect } from "./fixtures";
import { record } from "./records";

const roles = ["teaching", "support", "governor", "volunteer", "dsl", "other"];

test("1,000 records import and the matrix stays usable", async ({ page }, info) => {
  test.setTimeout(120_000);
  const files = Array.from({ length: 1000 }, (_, n) => ({
    name: `r${n}.json`,
    mimeType: "application/json",
    buffer: Buffer.from(record(`r-${n}`, `Person ${String(n).padStart(4, "0")}`, roles[n % roles.length], 10 + (n % 400))),
  }));
  await page.goto("/staff");
  let t = Date.now();
  await page.getByLabel("Choose training record files").setInputFiles(files);
  await expect(page.getByText("Showing 1000 of 1000 people.")).toBeVisible({ timeout: 60_000 });
  const importMs = Date.now() - t;

  t = Date.now();
  await page.getByLabel("Show").selectOption({ label: "Overdue or due within 30 days" });
  await expect(page.getByText(/^Showing \d+ of 1000 people\.$/)).not.toHaveText("Showing 1000 of 1000 people.");
  const filterMs = Date.now() - t;

  t = Date.now();
  await page.getByLabel("Show").selectOption({ label: "Everyone" });
  await expect(page.getByText("Showing 1000 of 1000 people.")).toBeVisible();
  const unfilterMs = Date.now() - t;

  t = Date.now();
  await page.getByLabel("Sort by").selectOption({ label: "Status" });
  await expect(page.locator("table.matrix tbody tr").first()).toContainText("Overdue");
  const sortMs = Date.now() - t;

  const wrap = page.getByRole("region", { name: "Training matrix" });
  await wrap.scrollIntoViewIfNeeded();
  await wrap.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.locator("table.matrix tbody tr").last()).toBeInViewport();
  info.annotations.push({ type: "1,000-record timings (ms)", description: `import and render ${importMs}, filter ${filterMs}, show all again ${unfilterMs}, sort ${sortMs}` });
  console.log(`matrix at 1,000 records: import and render ${importMs} ms, filter ${filterMs} ms, show all again ${unfilterMs} ms, sort ${sortMs} ms`);
});
