// The app shell: navigation, the start page, settings, the policy and the not-found page,
// each checked with axe. Network requests to any other origin fail every test (fixtures).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test, expect, expectAxeClean, ready, dist } from "./fixtures";

test("the start page sends staff to training and the DSL to the audit", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Online safety at West Kirby Primary School");
  await expect(page.getByRole("contentinfo")).toContainText("stays in this browser on this device");
  await expect(page.getByRole("link", { name: "Start or continue training" })).toHaveAttribute("href", "/training");
  await expect(page.getByRole("link", { name: "Open the audit" })).toHaveAttribute("href", "/audit");
  await expectAxeClean(page);
});

test("every main navigation link opens its page", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const name of ["Training", "Audit", "Staff records", "Policy", "Settings", "Your data"]) {
    await nav.getByRole("link", { name, exact: true }).click();
    await ready(page);
    await expect(nav.getByRole("link", { name, exact: true })).toHaveAttribute("aria-current", "page");
    await expectAxeClean(page);
  }
});

test("back and forward move between pages without a reload; a link to the other bundle loads it", async ({ page }) => {
  const heading = page.locator("main h1").first();
  // A mark on the window: it lasts only as long as no page load happens.
  const samePage = () => page.evaluate(() => (window as unknown as { oswMark?: boolean }).oswMark === true);
  await page.goto("/");
  await ready(page);
  await page.evaluate(() => ((window as unknown as { oswMark?: boolean }).oswMark = true));
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Training", exact: true }).click();
  await expect(heading).toHaveText("Staff training");
  await nav.getByRole("link", { name: "Policy", exact: true }).click();
  await expect(heading).toHaveText("Social Media Policy");
  await page.goBack();
  await expect(page).toHaveURL(/\/training$/);
  await expect(heading).toHaveText("Staff training");
  await expect(nav.getByRole("link", { name: "Training", exact: true })).toHaveAttribute("aria-current", "page");
  await page.goForward();
  await expect(page).toHaveURL(/\/policy$/);
  await expect(heading).toHaveText("Social Media Policy");
  await page.getByRole("banner").getByRole("link", { name: /Online Safety Workbench/ }).click();
  await expect(heading).toHaveText("Online safety at West Kirby Primary School");
  expect(await samePage()).toBe(true);

  // The audit is the DSL's bundle: its link loads that bundle's wasm in a new page, with the
  // DSL's stylesheet, which the staff's pages never load.
  const sheets = () =>
    page.evaluate(() => [...document.styleSheets].map((s) => `${s.href?.replace(/.*\//, "")} ${s.cssRules.length}`));
  expect((await sheets()).filter((s) => s.startsWith("dsl-"))).toEqual([]);
  const dslWasm = page.waitForRequest(/\/dsl-[^/]*_bg\.wasm$/);
  await page.getByRole("link", { name: "Open the audit" }).click();
  await dslWasm;
  await expect(heading).toHaveText("Online-safety audit");
  expect(await samePage()).toBe(false);
  const dslSheet = (await sheets()).find((s) => s.startsWith("dsl-"));
  expect(dslSheet, "the DSL's stylesheet on the audit").toMatch(/^dsl-[0-9a-f]+\.css [1-9]\d+$/);
  await page.goBack();
  await expect(heading).toHaveText("Online safety at West Kirby Primary School");
});

test("a deep link loads the app, and an unknown address says so", async ({ page }) => {
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("School settings");
  await page.goto("/no/such/page");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page).toHaveTitle(/Page not found/);
  await expectAxeClean(page);
});

test("school settings are saved on the device and used across the app", async ({ page }) => {
  await page.goto("/settings");
  const name = page.getByLabel("School name");
  await expect(name).toHaveValue("West Kirby Primary School");
  await name.fill("Oak Tree Primary");
  await page.getByLabel("Deputy DSLs").fill("Ms A Deputy\nMr B Deputy");
  await page.getByLabel("Deputy DSLs").blur();
  await page.reload();
  await expect(page.getByLabel("School name")).toHaveValue("Oak Tree Primary");
  await expect(page.getByLabel("Deputy DSLs")).toHaveValue("Ms A Deputy\nMr B Deputy");
  await expect(page.getByRole("banner")).toContainText("Oak Tree Primary");

  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Reset to the policy's values" }).click();
  await expect(page.getByLabel("School name")).toHaveValue("West Kirby Primary School");
});

test("the policy page shows the whole policy with an anchor per section", async ({ page }) => {
  await page.goto("/policy");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Social Media Policy");
  await expect(page.locator("#document-control")).toContainText("October 2023");
  for (const anchor of ["section-a", "section-b", "section-c", "section-d", "section-e", "appendix-1", "code-of-conduct"]) {
    await expect(page.locator(`#${anchor}`)).toBeVisible();
  }
  await expect(page.locator("#section-b")).toContainText("under 19 years of age");
  await expect(page.locator("#appendix-1")).not.toContainText("<input");
  await page.getByRole("link", { name: "B. Use of social networking by staff in a personal capacity" }).click();
  await expect(page).toHaveURL(/#section-b$/);
  await expectAxeClean(page);
});

test("the built page carries a Content-Security-Policy, the same for every build, that keeps requests on this origin", async ({ page }) => {
  const response = await page.goto("/");
  const html = await response!.text();
  // The meta tag: the fallback for hosts that send no headers, and for the offline copy.
  const meta = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1] ?? "";
  expect(meta).toContain("default-src 'self'");
  expect(meta).toContain("connect-src 'self'");
  expect(meta).toContain("frame-src 'none'");
  expect(meta).toContain("img-src 'self';");
  expect(meta).not.toContain("unsafe-inline");
  // No per-build hash: the page has no inline script, and the policy is this text for every
  // build, so a host's copy of it never needs changing with a deploy.
  expect(meta).toBe(
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; font-src 'self'; " +
      "connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'",
  );
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html).toMatch(/<script src="\/boot-[0-9a-f]{16}\.js"><\/script>/);
  expect(meta).not.toContain("data:");
  // Browsers ignore (and complain about) frame-ancestors in a meta tag: it belongs in a header.
  expect(meta).not.toContain("frame-ancestors");

  // The same policy as headers for the host, with frame-ancestors: _headers and csp.txt.
  const headerPolicy = `${meta}; frame-ancestors 'none'`;
  expect(readFileSync(join(dist, "csp.txt"), "utf8").trim()).toBe(headerPolicy);
  const headers = readFileSync(join(dist, "_headers"), "utf8");
  for (const line of [
    "/*",
    `  Content-Security-Policy: ${headerPolicy}`,
    "  X-Content-Type-Options: nosniff",
    "  Referrer-Policy: no-referrer",
    "  X-Frame-Options: DENY",
    "  Permissions-Policy: camera=(), microphone=(), geolocation=()",
  ]) {
    expect(headers.split("\n"), "dist/_headers").toContain(line);
  }
  // The test server sends them (as a host reading _headers would), and the app runs under them.
  expect(response!.headers()["content-security-policy"]).toBe(headerPolicy);
  expect(response!.headers()["x-frame-options"]).toBe("DENY");
  await ready(page);
});
