// Shared test set-up. Every test records each request the page makes and fails if any
// leaves the app's origin; `expectAxeClean` runs axe-core (WCAG 2.2 A/AA) on the page.
import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { resolve } from "node:path";

/** The built app the tests run against (playwright.config.ts serves the same folder). */
export const dist = resolve(import.meta.dirname, process.env.E2E_DIST ?? "../../dist");

export const test = base.extend<{ foreignRequests: string[] }>({
  foreignRequests: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const foreign: string[] = [];
      page.on("request", (request) => {
        const url = request.url();
        // data: and blob: URLs never leave the device.
        if (url.startsWith("data:") || url.startsWith("blob:")) return;
        if (new URL(url).origin !== origin) foreign.push(url);
      });
      await use(foreign);
      expect(foreign, "requests to another origin").toEqual([]);
    },
    { auto: true },
  ],
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(msg.text());
    });
    await use(page);
    expect(errors, "errors in the page's console").toEqual([]);
  },
});

export { expect };

/** Waits for the app to have rendered (the main landmark holds a heading). */
export async function ready(page: Page) {
  await expect(page.locator("main h1").first()).toBeVisible();
}

/** axe-core with WCAG 2.0, 2.1 and 2.2 A and AA rules: zero violations allowed. */
export async function expectAxeClean(page: Page) {
  // Check the page the person reads, not the moment before it: its heading is showing (the
  // app, or safe mode, has started) and no content file is still loading.
  await ready(page);
  await expect(page.locator("main .loading")).toHaveCount(0);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} -> ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}
