// Content is data the app fetches from its own origin (content/): a school can replace it on
// its server. A file that is missing or wrong gives a clear message in the page, naming the
// file, and the rest of the app goes on working.
import { readFileSync } from "node:fs";
import { test, expect, expectAxeClean } from "./fixtures";
import { modules } from "./course";

// The worker would answer from its own cache; these tests are about what the host sends.
test.use({ serviceWorkers: "block" });

const [first, second] = modules;
const file = `/content/modules/${first.id}.json`;

test("a module file the host does not have says which file, and the other modules still open", async ({ page }) => {
  // A host with the app's fallback answers a missing file with the app's own page (200, HTML).
  const indexPage = readFileSync(new URL("../../index.html", import.meta.url), "utf8");
  await page.route(`**${file}`, (route) => route.fulfill({ status: 200, contentType: "text/html", body: indexPage }));
  await page.goto(`/training/modules/${first.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This page could not be opened");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Part of the app's content could not be loaded.");
  await expect(alert).toContainText(`modules/${first.id}.json`);
  await expect(alert).toContainText("Your saved work is safe.");
  await expectAxeClean(page);

  await page.goto(`/training/modules/${second.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(second.title);
  await expect(page.getByRole("alert")).toHaveCount(0);
});

test("a module file that is not valid content is refused with what is wrong in it", async ({ page }) => {
  const body = JSON.parse(readFileSync(new URL(`../..${file}`, import.meta.url), "utf8"));
  body.questions = body.questions.slice(0, 2); // fewer questions than a module needs and draws
  await page.route(`**${file}`, (route) => route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(body) }));
  await page.goto(`/training/modules/${first.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This page could not be opened");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Part of the app's content could not be loaded.");
  await expect(alert).toContainText(`modules/${first.id}.json is not valid content`);
  await expectAxeClean(page);
});
