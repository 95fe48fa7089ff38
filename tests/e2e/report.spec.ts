// The governors' report as governors get it: a full audit (every item rated, twelve actions,
// seven of them overdue), a staff matrix from records made through the training pages, last
// year's audit to compare with, and names from Settings. Page 1 must tell the whole story
// and fit one A4 sheet; the chart must read without colour; the detail follows from page 2.
import { readFileSync } from "node:fs";
import { test, expect, expectAxeClean, ready } from "./fixtures";
import { importRecords, trainAndExport } from "./through-app";
import type { Page } from "@playwright/test";

type Section = { id: string; title: string; items: { id: string; question: string }[] };
const audit: { sections: Section[] } = JSON.parse(readFileSync(new URL("../../content/audit.json", import.meta.url), "utf8"));

const academicYear = (d: Date) => {
  const start = d.getMonth() >= 8 ? d.getFullYear() : d.getFullYear() - 1;
  const end = String((start + 1) % 100).padStart(2, "0");
  return { start, label: `${start}/${end}`, slug: `${start}-${end}` };
};
const today = new Date();
const thisYear = academicYear(today);
const aYearAgo = new Date(today.getFullYear() - 1, today.getMonth(), today.getDate(), 12);
const lastYear = academicYear(aYearAgo);
const pad = (n: number) => String(n).padStart(2, "0");
/** A date `days` from today, as a date input takes it. */
const day = (days: number) => {
  const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() + days);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const long = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
};

// Printable A4 at the report's 15 mm margins, in CSS pixels (96 per inch).
const mm = 96 / 25.4;
const PRINT_WIDTH = Math.floor((210 - 30) * mm); // 680
const PRINT_HEIGHT = Math.floor((297 - 30) * mm); // 1009

/** The rating of the i-th item of the checklist: mostly Yes, with gaps spread through. */
const ratingFor = (i: number) =>
  i === 15 || i === 41 ? "Not applicable" : i % 10 === 3 ? "No" : i % 10 === 7 ? "Partly" : i % 20 === 9 ? "Not sure" : "Yes";
const strength: Record<string, number | undefined> = { Yes: 3, Partly: 2, "Not sure": 1, No: 0 };
const isGap = (r: string) => r === "No" || r === "Partly" || r === "Not sure";

/** Twelve actions for the first twelve gaps: seven overdue, one done late, four not yet due. */
const actions = [
  ["Take the revised policy to the full governing body", "Headteacher", -120, "Not started"],
  ["Write up the termly filtering checks in one log", "Computing lead", -95, "In progress"],
  ["Ask the filtering provider for its IWF membership certificate", "IT provider", -80, "Not started"],
  ["Add generative AI to the acceptable use agreements", "DSL", -60, "In progress"],
  ["Book the annual online-safety refresher for support staff", "School business manager", -45, "Not started"],
  ["Check that monitoring alerts reach a deputy when the DSL is away", "DSL", -30, "In progress"],
  ["Send the parents' Code of Conduct home with the autumn newsletter", "Office manager", -12, "Not started"],
  ["Review who can post on the school's X account", "Headteacher", -20, "Done"],
  ["Run the pupil voice survey on online bullying", "PSHE lead", 14, "Not started"],
  ["Renew the consent forms for images in Reception", "Office manager", 30, "In progress"],
  ["Record incidents from the PTA Facebook page in CPOMS", "DSL", 45, "Not started"],
  ["Audit the school's accounts for former staff administrators", "IT provider", 60, "Not started"],
] as const;

const OVERDUE = actions.filter(([, , due, status]) => due < 0 && status !== "Done").length;

/** Rates every item of a section page with `rate(i)`, the global item number, and adds the
 * actions `act(i)` returns. */
async function rateSection(page: Page, slug: string, section: Section, first: number, rate: (i: number) => string, act?: (i: number) => readonly [string, string, number, string] | undefined) {
  await page.goto(`/audit/${slug}/sections/${section.id}`);
  const cards = page.locator("article.audit-item");
  await expect(cards).toHaveCount(section.items.length);
  for (let k = 0; k < section.items.length; k++) {
    const card = cards.nth(k);
    const rating = rate(first + k);
    await card.getByLabel(rating, { exact: true }).check();
    if (rating === "Not applicable") await card.getByLabel("Why it does not apply (required)").fill("The school has no guest Wi-Fi and no devices go home.");
    const action = act?.(first + k);
    if (action) {
      const [what, owner, due, status] = action;
      await card.getByRole("button", { name: "Add an action" }).click();
      const row = card.getByRole("group", { name: "Action 1" });
      await row.getByLabel("What will be done").fill(what);
      await row.getByLabel("Owner").fill(owner);
      await row.getByLabel("Due").fill(day(due));
      await row.getByLabel("Status").selectOption({ label: status });
    }
  }
}

test("page 1 of the governors' report tells the whole story on one A4 sheet, in black and white", async ({ page, browser, baseURL }, testInfo) => {
  test.setTimeout(600_000);

  // Last year's audit, made by the app with its clock a year back, and exported.
  const before = await browser.newContext({ baseURL, acceptDownloads: true });
  await before.clock.setFixedTime(aYearAgo);
  const old = await before.newPage();
  await old.goto("/audit");
  await old.getByRole("button", { name: `Start a new ${lastYear.label} audit` }).click();
  const [policy, filtering] = audit.sections;
  await rateSection(old, lastYear.slug, policy, 0, () => "Yes");
  await rateSection(old, lastYear.slug, filtering, policy.items.length, () => "Partly");
  await old.goto(`/audit/${lastYear.slug}`);
  const exported = old.waitForEvent("download");
  await old.getByRole("button", { name: "Export this audit (JSON)" }).click();
  const download = await exported;
  // Read before the context closes: closing deletes its downloads.
  const lastYearFile = { name: download.suggestedFilename(), mimeType: "application/json", buffer: readFileSync(await download.path()) };
  await before.close();

  // Names come from Settings and nowhere else.
  await page.goto("/settings");
  await page.getByLabel("School name").fill("Hilbre Primary School");
  await page.getByLabel("Designated Safeguarding Lead (DSL)").fill("Ms J Rahman");
  await page.getByLabel("Chair of governors").fill("Dr R Okafor");

  // The staff matrix: a governor who passed everything, a support assistant part way.
  const gill = await trainAndExport(page, "Gill Governor", "Governor");
  const sam = await trainAndExport(page, "Sam Support", "Support staff", 1);
  await importRecords(page, [gill, sam]);
  await expect(page.locator(".coverage-figures")).toContainText("1 of 2 people are fully trained (50%)");

  // This year's audit: every item rated, twelve actions on the first twelve gaps.
  await page.goto("/audit");
  await page.getByRole("button", { name: `Start a new ${thisYear.label} audit` }).click();
  const ratings: string[] = [];
  const gapActions = new Map<number, (typeof actions)[number]>();
  let n = 0;
  for (const section of audit.sections) for (const _ of section.items) ratings.push(ratingFor(n++));
  ratings.forEach((r, i) => { if (isGap(r) && gapActions.size < actions.length) gapActions.set(i, actions[gapActions.size]); });
  let first = 0;
  for (const section of audit.sections) {
    await rateSection(page, thisYear.slug, section, first, ratingFor, (i) => gapActions.get(i));
    first += section.items.length;
  }
  await page.goto(`/audit/${thisYear.slug}/filtering`);
  await page.getByLabel("Date of this review").fill(day(-21));
  await expect(page.getByLabel("Next review due")).not.toHaveValue("");
  const nextReview = await page.getByLabel("Next review due").inputValue();

  // Compare with last year's audit.
  await page.goto(`/audit/${thisYear.slug}/summary`);
  await page.getByLabel("Import last year's audit to compare").setInputFiles(lastYearFile);
  await expect(page.getByText(`Comparing with the ${lastYear.label} audit`)).toBeVisible();

  // What the figures must say.
  const count = (f: (r: string) => boolean) => ratings.filter(f).length;
  const [green, amber, red, na] = [count((r) => r === "Yes"), count((r) => r === "Partly"), count((r) => r === "No" || r === "Not sure"), count((r) => r === "Not applicable")];
  const gaps = count(isGap);
  let improved = 0, worsened = 0, fresh = 0;
  ratings.forEach((r, i) => {
    const then = i < policy.items.length ? "Yes" : i < policy.items.length + filtering.items.length ? "Partly" : undefined;
    if (then === undefined) fresh++;
    else if (strength[r] !== undefined && strength[r]! > strength[then]!) improved++;
    else if (strength[r] !== undefined && strength[r]! < strength[then]!) worsened++;
  });

  await page.goto(`/audit/${thisYear.slug}/report`);
  await ready(page);
  const summary = page.getByRole("region", { name: "Summary" });
  await expect(summary.getByRole("heading", { level: 1 })).toHaveText(`Hilbre Primary School: online-safety audit ${thisYear.label}`);
  await expect(summary).toContainText(`Report to governors, prepared on ${long(day(0))} by Ms J Rahman (DSL).`);
  await expect(summary.locator(".overall")).toHaveText(
    `${green} of ${ratings.length} items are in place (green), ${amber} are partly in place (amber), ${red} are not in place or not sure (red) and ${na} do not apply.`,
  );
  await expect(summary.getByRole("img", { name: "Ratings by section" })).toBeVisible();
  // The counts as text: the key's totals, and a table of every section's counts.
  await expect(summary.locator(".rag-legend")).toContainText(`Red: no or not sure (${red})`);
  await expect(summary.locator(".rag-legend")).toContainText(`Green: yes (${green})`);
  // Each key's swatch is filled with a pattern the chart defines, tiled at its own small size
  // (user-space units), and no two kinds look the same without colour.
  const swatches = await summary.locator(".rag-legend svg rect").evaluateAll((rects) => rects.map((rect) => {
    const id = rect.getAttribute("fill")!.match(/^url\(#(.+)\)$/)![1];
    const pattern = document.getElementById(id) as unknown as SVGPatternElement | null;
    return {
      id,
      userSpace: pattern?.patternUnits.baseVal === SVGUnitTypes.SVG_UNIT_TYPE_USERSPACEONUSE,
      turned: pattern?.getAttribute("patternTransform") ?? "",
      look: pattern ? [...pattern.children].map((c) => `${c.tagName}:${c.getAttribute("width")}x${c.getAttribute("height")}:${c.getAttribute("class") ?? c.getAttribute("fill")}`).join(" ") : "",
    };
  }));
  expect(swatches.map((s) => s.id)).toEqual(["rag-pattern-red", "rag-pattern-amber", "rag-pattern-green", "rag-pattern-na"]);
  expect(swatches.every((s) => s.userSpace), "patterns tile in user-space units").toBe(true);
  expect(swatches[0].turned).toBe("rotate(45)");
  expect(new Set(swatches.map((s) => s.look.replace(/rag-(red|amber|green)/, "colour"))).size, "each kind has its own mark").toBe(swatches.length);
  const counts = summary.getByRole("table", { name: "Ratings by section: number of items" });
  await expect(counts.locator("tbody tr")).toHaveCount(audit.sections.length);
  const policyRatings = ratings.slice(0, policy.items.length);
  await expect(counts.getByRole("row", { name: /^Policy and leadership/ }).getByRole("cell")).toHaveText(
    [policyRatings.filter((r) => r === "No" || r === "Not sure"), policyRatings.filter((r) => r === "Partly"), policyRatings.filter((r) => r === "Yes"), policyRatings.filter((r) => r === "Not applicable"), []].map((x) => String(x.length)),
  );
  const glance = summary.locator(".at-a-glance");
  await expect(glance).toContainText(/Staff training\s*1 of 2 people are fully trained \(50%\)\. By role: Support staff 0 of 1; Governor 1 of 1\./);
  await expect(glance).toContainText(`Matrix last updated ${long(day(0))}.`);
  await expect(glance).toContainText(`Done on ${long(day(-21))}; next review due by ${long(nextReview)}.`);
  // The policy's own review date (Autumn 2024, in Settings) has passed.
  await expect(glance).toContainText(/Overdue reviews\s*The Social Media Policy was due for review by 31 December 2024/);
  await expect(glance).toContainText(`Against the ${lastYear.label} audit: ${improved} improved, ${worsened} worsened, ${fresh} rated for the first time.`);
  const risks = summary.getByRole("region", { name: "Top risks" });
  await expect(risks.getByRole("listitem")).toHaveCount(5);
  await expect(risks).toContainText(`And ${gaps - 5} more, every one listed under “All gaps”`);
  const overdue = summary.getByRole("region", { name: "Overdue actions" });
  await expect(overdue.getByRole("listitem")).toHaveCount(5);
  await expect(overdue.getByRole("listitem").first()).toContainText(`Due ${long(day(actions[0][2]))} · ${actions[0][0]} (${actions[0][1]}; not started)`);
  await expect(overdue).toContainText(`And ${OVERDUE - 5} more overdue`);
  await expect(overdue).not.toContainText(actions[7][0]); // done, though its date has passed
  const signOff = summary.getByRole("region", { name: "Sign-off" });
  await expect(signOff.getByLabel("Designated Safeguarding Lead")).toHaveValue("Ms J Rahman");
  await expect(signOff.getByLabel("Chair of governors")).toHaveValue("Dr R Okafor");
  await signOff.getByLabel("Date signed by the DSL").fill(day(0));
  const detail = page.locator(".report-detail");
  await expect(detail.getByRole("region", { name: "All gaps" }).locator("tbody tr")).toHaveCount(gaps);
  await expect(detail.getByRole("region", { name: "Action plan" }).locator("tbody tr")).toHaveCount(actions.length);
  await expectAxeClean(page);

  // The legend never overlaps or clips, at any width the page allows, on screen and on paper.
  const legendFits = async (where: string) => {
    const boxes = await page.locator(".rag-legend li").evaluateAll((items) => items.map((li) => {
      const r = li.getBoundingClientRect();
      return { text: li.textContent ?? "", x: r.x, y: r.y, w: r.width, h: r.height };
    }));
    expect(boxes).toHaveLength(4); // every kind but Not answered, of which there are none
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
        expect(apart, `${where}: "${a.text}" overlaps "${b.text}"`).toBe(true);
      }
    }
    const clipped = await page.locator(".rag-legend").evaluate((ul) => ul.scrollWidth > ul.clientWidth || ul.scrollHeight > ul.clientHeight);
    expect(clipped, `${where}: the legend is cut off`).toBe(false);
  };
  for (const width of [320, 480, 794, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await legendFits(`screen ${width}px`);
  }
  await page.emulateMedia({ media: "print" });
  await page.setViewportSize({ width: PRINT_WIDTH, height: PRINT_HEIGHT });
  await legendFits("print");

  // Page 1 is the summary and all of it: measured at the printable width...
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(summary.getByRole("img", { name: "Ratings by section" })).toBeVisible();
  const height = await summary.evaluate((el) => el.getBoundingClientRect().height);
  testInfo.annotations.push({ type: "summary height (print, px)", description: `${Math.round(height)} of ${PRINT_HEIGHT} printable` });
  // With a twentieth of the page to spare: Firefox and Safari set text a little differently.
  expect(height, "the summary fits the printable height of one A4 page").toBeLessThanOrEqual(PRINT_HEIGHT * 0.95);
  const breaks = await page.evaluate(() => ({
    summary: getComputedStyle(document.querySelector(".report-summary")!).breakAfter,
    sections: [...document.querySelectorAll(".report-detail > .report-section")].map((s) => getComputedStyle(s).breakBefore),
  }));
  expect(breaks.summary).toBe("page");
  expect(breaks.sections.length).toBeGreaterThanOrEqual(audit.sections.length + 3);
  expect(new Set(breaks.sections)).toEqual(new Set(["page"]));

  // ...and printed by Chromium: the summary alone is one A4 page, the whole report has a
  // page for the summary then at least one for each part of the detail.
  const pdfPages = (pdf: Buffer) => pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  // (Styles set through the DOM: the app's Content-Security-Policy refuses inline style sheets.)
  const showDetail = (show: boolean) => page.locator(".report-detail").evaluate((el, show) => { (el as HTMLElement).style.display = show ? "" : "none"; }, show);
  await showDetail(false);
  expect(pdfPages(await page.pdf({ format: "A4" })), "the summary prints on one A4 page").toBe(1);
  await showDetail(true);
  const pages = pdfPages(await page.pdf({ format: "A4" }));
  expect(pages).toBeGreaterThanOrEqual(1 + breaks.sections.length);
  testInfo.annotations.push({ type: "report pages", description: `before: 21 (the same audit on commit 9161dc8, its summary 2326 px tall: onto a third page); after: ${pages}` });

  // Page 1 as it prints, for the closing note: A4 at 96 dpi with the page's margins, and
  // without the detail, which starts on page 2.
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.locator("main").evaluate((main) => { main.style.padding = "15mm"; });
  await showDetail(false);
  // Written under this test's own output folder (test-results/), never outside the repository.
  const shot = await page.screenshot({ path: testInfo.outputPath("report-page1.png"), clip: { x: 0, y: 0, width: 794, height: 1123 } });
  await testInfo.attach("report page 1", { body: shot, contentType: "image/png" });
  await showDetail(true);
  await page.emulateMedia({ media: "screen" });
});
