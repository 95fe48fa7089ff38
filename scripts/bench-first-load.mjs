// Benchmark (issue 14): how long a member of staff waits, on a first visit, before a module's
// quiz is usable, against a static HTML page holding the same module's text and questions.
// Both are served with brotli from 127.0.0.1 and loaded cold (a fresh browser context, the
// cache disabled, no service worker), interleaved, in Debian's Chromium throttled like an old
// school laptop on a busy network: CPU 4x slower, 10 Mbit/s down, 5 Mbit/s up, 40 ms latency.
// Usable = the first frame drawn with the first quiz input present, visible and enabled:
//   static page: the first `fieldset input`;
//   app: `fieldset.question input` on /training/modules/<id>/quiz, with an open attempt already
//   stored (made once by driving the app: create a profile, read the sections, start the quiz).
// Prints medians (and ranges), first paint, transferred bytes and the ratio app/static. It is
// not a timed test: it exits 0 whatever the figures, 1 only if the run itself breaks.
// Usage: node scripts/bench-first-load.mjs [dist] [--runs N] [--module staff-personal-use]
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createAppServer } from "../tests/e2e/serve.mjs";

const require = createRequire(new URL("../tests/e2e/package.json", import.meta.url));
const { chromium } = require("@playwright/test");

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dist = resolve(args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--")) ?? "dist");
const runs = Number(option("runs", process.env.BENCH_RUNS ?? 10));
const moduleId = option("module", "staff-personal-use");
const repo = resolve(import.meta.dirname, "..");

const THROTTLING = {
  cpu: 4,
  network: { offline: false, latency: 40, downloadThroughput: (10 * 1e6) / 8, uploadThroughput: (5 * 1e6) / 8 },
};
const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic"],
};

// ---- the static page -------------------------------------------------------------------

const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
/** Placeholders ({dsl}, {platforms}, ...) read as a neutral word: the point is bytes and paint. */
const text = (s) => escape(String(s).replace(/\{[a-z_]+\}/g, "the school"));

/** A plain HTML page of the module: what a static site would serve for it, quiz included. */
function staticPage(module, stylesheets) {
  const block = (b) =>
    `<p>${text(b.text)}</p>${b.items ? `<ul>${b.items.map((i) => `<li>${text(i)}</li>`).join("")}</ul>` : ""}`;
  const question = (q, n) => {
    const type = q.kind === "multiple" ? "checkbox" : "radio";
    const options = q.options
      .map((o) => `<label><input type="${type}" name="${escape(q.id)}" value="${escape(o.id)}"> ${text(o.text)}</label>`)
      .join("\n");
    const situation = q.situation ? `<p>${text(q.situation)}</p>` : "";
    return `<fieldset class="question"><legend>Question ${n + 1}</legend>${situation}<p class="prompt">${text(q.prompt)}</p>\n${options}</fieldset>`;
  };
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(module.title)}</title>
<link rel="icon" href="/icon.svg" type="image/svg+xml">
${stylesheets.map((href) => `<link rel="stylesheet" href="/${href}">`).join("\n")}
</head>
<body>
<header><p>Online Safety Workbench</p></header>
<main>
<h1>${text(module.title)}</h1>
<p>${text(module.summary)}</p>
<h2>What you will learn</h2>
<ul>${module.objectives.map((o) => `<li>${text(o)}</li>`).join("")}</ul>
${module.sections.map((s) => `<section><h2>${text(s.title)}</h2>${s.blocks.map(block).join("\n")}</section>`).join("\n")}
<h2>Scenarios</h2>
${(module.scenarios ?? []).map((s) => `<h3>${text(s.title)}</h3><p>${text(s.situation)}</p><p>${text(s.response)}</p>`).join("\n")}
<h2>Key points</h2>
<ul>${module.key_points.map((k) => `<li>${text(k.text ?? k)}</li>`).join("")}</ul>
<h2>Quiz</h2>
<form>
${module.questions.slice(0, module.draw).map(question).join("\n")}
<button type="submit">Submit answers</button>
</form>
</main>
</body>
</html>
`;
}

/** A module as the app shows it: its head in course.json joined with its own file's body. */
function readModule(id) {
  const course = JSON.parse(readFileSync(join(repo, "content", "course.json"), "utf8"));
  const head = course.modules.find((m) => m.id === id);
  if (!head) throw new Error(`bench: course.json has no module ${id}`);
  const body = JSON.parse(readFileSync(join(repo, "content", "modules", `${id}.json`), "utf8"));
  return { ...head, ...body, sections: head.sections.map((s, i) => ({ ...s, ...body.sections[i] })) };
}

// ---- measuring ---------------------------------------------------------------------------

/** In the page, before anything loads: notes when the first frame with `selector` usable is drawn. */
function watchUsable(selector) {
  const check = () => {
    if (window.__usable !== undefined) return true;
    const input = document.querySelector(selector);
    if (!input || input.disabled || input.getClientRects().length === 0) return false;
    window.__usable = null;
    // After the frame that shows it: the task that follows the next rendering update.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (window.__usable = performance.now());
      channel.port2.postMessage(null);
    });
    return true;
  };
  new MutationObserver((_, observer) => check() && observer.disconnect()).observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["disabled", "hidden", "class", "style"],
  });
}

/** One cold load of `url` in a fresh context: time to usable, paints, transferred bytes. */
async function load(browser, url, selector, storage) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  try {
    if (storage) {
      await context.addInitScript((entries) => {
        for (const [key, value] of entries) localStorage.setItem(key, value);
      }, Object.entries(storage));
    }
    await context.addInitScript(watchUsable, selector);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    let bytes = 0;
    cdp.on("Network.loadingFinished", (event) => (bytes += event.encodedDataLength));
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    await cdp.send("Network.emulateNetworkConditions", THROTTLING.network);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: THROTTLING.cpu });
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(() => typeof window.__usable === "number", null, { timeout: 60_000 });
    // Paint entries arrive after the frame is presented: give them a moment.
    await page
      .waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length > 0, null, { timeout: 10_000 })
      .catch(() => {});
    const { usable, paints } = await page.evaluate(() => ({
      usable: window.__usable,
      paints: Object.fromEntries(performance.getEntriesByType("paint").map((p) => [p.name, p.startTime])),
    }));
    return { usable, firstPaint: paints["first-paint"], fcp: paints["first-contentful-paint"], bytes };
  } finally {
    await context.close();
  }
}

/** Drives the app once, as a person would, and returns the `osw:` localStorage it made. */
async function openAttempt(browser, origin, module) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/training`);
    await page.getByLabel("Full name").fill("Bench Mark");
    await page.getByLabel("Role").selectOption({ label: "Teaching staff" });
    await page.getByRole("button", { name: "Create profile" }).click();
    await page.getByRole("heading", { name: "Bench Mark: Induction" }).waitFor();
    await page.goto(`${origin}/training/modules/${module.id}`);
    await page.getByLabel("I have read this section").first().waitFor();
    for (const box of await page.getByLabel("I have read this section").all()) await box.check();
    await page.getByRole("link", { name: "Go to the quiz" }).click();
    await page.getByRole("button", { name: "Start the quiz" }).click();
    await page.locator("fieldset.question input").first().waitFor();
    return await page.evaluate(() =>
      Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith("osw:")).map((k) => [k, localStorage.getItem(k)])),
    );
  } finally {
    await context.close();
  }
}

const median = (xs) => {
  const s = xs.filter((x) => typeof x === "number").sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : "n/a");
const kb = (x) => `${(x / 1024).toFixed(1)} KB`;

async function main() {
  const module = readModule(moduleId);
  const staticRoot = mkdtempSync(join(tmpdir(), "osw-bench-static-"));
  const stylesheets = readdirSync(dist).filter((f) => /^(main|training)-.*\.css$/.test(f));
  for (const file of [...stylesheets, "icon.svg"]) cpSync(join(dist, file), join(staticRoot, file));
  writeFileSync(join(staticRoot, "index.html"), staticPage(module, stylesheets));

  const servers = [createAppServer({ root: dist, brotli: true }), createAppServer({ root: staticRoot, brotli: true })];
  const [appOrigin, staticOrigin] = await Promise.all(
    servers.map((server) => new Promise((done) => server.listen(0, "127.0.0.1", () => done(`http://127.0.0.1:${server.address().port}`)))),
  );
  const browser = await chromium.launch(LAUNCH);
  try {
    const storage = await openAttempt(browser, appOrigin, module);
    const targets = {
      static: { url: `${staticOrigin}/`, selector: "fieldset input" },
      app: { url: `${appOrigin}/training/modules/${module.id}/quiz`, selector: "fieldset.question input", storage },
    };
    // One warm-up of each (not counted): the first launch of a renderer is slower than the rest.
    for (const t of Object.values(targets)) await load(browser, t.url, t.selector, t.storage);
    const results = { static: [], app: [] };
    for (let i = 0; i < runs; i++) {
      const order = i % 2 ? ["app", "static"] : ["static", "app"];
      for (const name of order) {
        const t = targets[name];
        results[name].push(await load(browser, t.url, t.selector, t.storage));
      }
    }

    const summary = Object.fromEntries(
      Object.entries(results).map(([name, rs]) => [
        name,
        {
          usable: median(rs.map((r) => r.usable)),
          min: Math.min(...rs.map((r) => r.usable)),
          max: Math.max(...rs.map((r) => r.usable)),
          firstPaint: median(rs.map((r) => r.firstPaint)),
          fcp: median(rs.map((r) => r.fcp)),
          bytes: median(rs.map((r) => r.bytes)),
        },
      ]),
    );
    console.log(
      `bench: first load of ${module.id}'s quiz, cold, brotli, Chromium with CPU ${THROTTLING.cpu}x slower, ` +
        `10 Mbit/s down, 5 up, ${THROTTLING.network.latency} ms; median of ${runs} interleaved loads each`,
    );
    console.log(`bench:   ${"".padEnd(22)}${"usable".padStart(10)}${"(range)".padStart(20)}${"first paint".padStart(13)}${"FCP".padStart(10)}${"transferred".padStart(13)}`);
    for (const [name, label] of [["static", "static HTML page"], ["app", "app (release build)"]]) {
      const s = summary[name];
      console.log(
        `bench:   ${label.padEnd(22)}${ms(s.usable).padStart(10)}${`(${ms(s.min)}-${ms(s.max)})`.padStart(20)}` +
          `${ms(s.firstPaint).padStart(13)}${ms(s.fcp).padStart(10)}${kb(s.bytes).padStart(13)}`,
      );
    }
    console.log(
      `bench:   ratio app/static: ${(summary.app.usable / summary.static.usable).toFixed(2)}x time to usable ` +
        `(target 2x or less), ${(summary.app.bytes / summary.static.bytes).toFixed(1)}x bytes`,
    );
  } finally {
    await browser.close();
    for (const server of servers) server.close();
    rmSync(staticRoot, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`bench: the run broke: ${error.stack ?? error}`);
  process.exit(1);
});
