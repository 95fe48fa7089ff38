// Trunk post-build hook (Trunk.toml). Runs in Trunk's staging directory before it becomes
// dist/, as small named steps, in the order at the end of this file:
//   0. minify()         the bundles' JS glue, in a release build (before step 1 names them),
//                       and index.html's comments
//   1. bundles()        the DSL bundle's name, and every bundle's name given to boot.js
//   2. boot()           boot.js (safe mode and the loader) minified in a release build and
//                       named by its content, boot-<hash>.js (after step 1 filled it in)
//   3. csp()            the Content-Security-Policy meta tag: one text for every build, as the
//                       page has no inline script (checked)
//   4. headers()        the same policy as HTTP headers for the host: _headers and csp.txt
//                       (and _redirects: the SPA fallback, for Netlify)
//   5. serviceWorker()  stamps sw.js with every file's content hash and a version made of them
// File names the steps rely on: a bundle whose file name starts `dsl-` is only for the DSL's
// pages (cached on first use, never precached); everything under content/ is course data.
//
// `node scripts/post-build.mjs --service-worker <folder>` runs step 5 alone on a built folder
// (its sw.js already stamped): after files were replaced on a server (content/), so the worker's
// hashes and version follow them.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";


/** Files the build writes for the host, not for the browser: never cached by the worker. */
const HOST_FILES = new Set(["/sw.js", "/_headers", "/_redirects", "/csp.txt"]);
/** The page's start-up script as public/ has it (index.html loads it, Trunk copies it). */
const BOOT = "boot.js";

/** terser (installed by scripts/setup.sh) on one script's text; `module` for an ES module. */
function terser(what, input, { module = false } = {}) {
  try {
    return execFileSync("terser", [...(module ? ["--module"] : []), "--compress", "--mangle"], { input, encoding: "utf8" });
  } catch (error) {
    throw new Error(`post-build: minify: terser failed on ${what} (run scripts/setup.sh to install it): ${error.message}`);
  }
}

/** The first 16 hex digits of the SHA-256 of `bytes`: a file name's content hash. */
const contentHash = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);

// Step 0 (minify): wasm-bindgen writes its JS glue readable, and Trunk's own minifier cannot
// read it (`export default`). terser makes each bundle's glue less than half the size (staff's:
// 7.6 KB brotli before, 5.9 KB after). The page's comments (notes for whoever edits it) go.
// Development builds stay readable and do not need terser.
function minify(staging) {
  const glue = readdirSync(staging).filter((name) => name.endsWith(".js") && name !== "sw.js" && name !== BOOT);
  if (glue.length !== 2) throw new Error(`post-build: minify: expected the two bundles' JS glue, found ${glue.join(", ") || "none"}`);
  for (const name of glue) {
    const file = join(staging, name);
    const before = statSync(file).size;
    writeFileSync(file, terser(name, readFileSync(file, "utf8"), { module: true }));
    console.log(`post-build: minify: ${name} ${before} -> ${statSync(file).size} bytes`);
  }
  const indexPath = join(staging, "index.html");
  const html = readFileSync(indexPath, "utf8");
  const small = html.replace(/<!--[\s\S]*?-->\s*/g, "");
  writeFileSync(indexPath, small);
  console.log(`post-build: minify: index.html ${html.length} -> ${small.length} bytes`);
}

// Step 1 (bundles): Trunk writes the DSL's bundle (built as a "worker") as dsl.js and
// dsl_bg.wasm. Name them by their content, as Trunk names the staff's, and give boot.js (the
// loader) both bundles' names. The DSL's stylesheet (dsl-<hash>.css) moves from the page's
// head to the loader too, which adds it on the DSL's addresses only.
function bundles(staging) {
  const indexPath = join(staging, "index.html");
  const bootPath = join(staging, BOOT);
  const dslJs = join(staging, "dsl.js");
  const dslWasm = join(staging, "dsl_bg.wasm");
  if (!existsSync(dslJs) || !existsSync(dslWasm)) throw new Error("post-build: bundles: no DSL bundle (dsl.js, dsl_bg.wasm)");
  if (!existsSync(bootPath)) throw new Error(`post-build: bundles: no ${BOOT} (index.html copies it from public/)`);
  const hash = contentHash(readFileSync(dslWasm));
  renameSync(dslJs, join(staging, `dsl-${hash}.js`));
  renameSync(dslWasm, join(staging, `dsl-${hash}_bg.wasm`));
  // The staff's bundle, as Trunk named it: the one other JS glue and wasm.
  const top = readdirSync(staging);
  const staffJs = top.filter((n) => n.endsWith(".js") && !n.startsWith("dsl-") && n !== "sw.js" && n !== BOOT);
  const staffWasm = top.filter((n) => n.endsWith("_bg.wasm") && !n.startsWith("dsl-"));
  if (staffJs.length !== 1 || staffWasm.length !== 1) {
    throw new Error(`post-build: bundles: expected one staff bundle, found ${[...staffJs, ...staffWasm].join(", ") || "none"}`);
  }
  for (const wasm of [staffWasm[0], `dsl-${hash}_bg.wasm`]) {
    if (statSync(join(staging, wasm)).size === 0) throw new Error(`post-build: bundles: ${wasm} is empty`);
  }
  const html = readFileSync(indexPath, "utf8");
  const css = /<link rel="stylesheet" href="\/(dsl-[0-9a-f]+\.css)"[^>]*>\s*/;
  const stylesheet = html.match(css);
  if (!stylesheet) throw new Error("post-build: bundles: no DSL stylesheet link in index.html");
  writeFileSync(indexPath, html.replace(css, ""));
  const names = {
    __STAFF_JS__: staffJs[0],
    __STAFF_WASM__: staffWasm[0],
    __DSL_JS__: `dsl-${hash}.js`,
    __DSL_WASM__: `dsl-${hash}_bg.wasm`,
    __DSL_CSS__: stylesheet[1],
  };
  let boot = readFileSync(bootPath, "utf8");
  for (const [mark, name] of Object.entries(names)) {
    if (!boot.includes(`"/${mark}"`)) throw new Error(`post-build: bundles: ${BOOT} has no "/${mark}" to fill in`);
    boot = boot.replace(`"/${mark}"`, () => JSON.stringify(`/${name}`));
  }
  writeFileSync(bootPath, boot);
  console.log(`post-build: bundles: ${staffJs[0]}, dsl-${hash}`);
}

/**
 * Step 2 (boot): boot.js minified (release) and named by its content, so a browser or a proxy
 * that caches it never runs an older build's (it names that build's bundles); index.html's
 * script tag follows the name.
 */
function boot(staging, release) {
  const indexPath = join(staging, "index.html");
  const bootPath = join(staging, BOOT);
  let text = readFileSync(bootPath, "utf8");
  if (release) {
    const before = text.length;
    text = terser(BOOT, text);
    console.log(`post-build: minify: ${BOOT} ${before} -> ${text.length} bytes`);
  }
  const name = `boot-${contentHash(text)}.js`;
  writeFileSync(bootPath, text);
  renameSync(bootPath, join(staging, name));
  const html = readFileSync(indexPath, "utf8");
  const tag = `<script src="/${BOOT}"></script>`;
  if (!html.includes(tag)) throw new Error(`post-build: boot: index.html has no ${tag}`);
  writeFileSync(indexPath, html.replace(tag, `<script src="/${name}"></script>`));
  console.log(`post-build: boot: ${name}`);
}

/**
 * The Content-Security-Policy, the same text for every build (the host's copy need not change
 * with a deploy): only this origin, scripts only from files of this origin (the page has no
 * inline script) and WebAssembly, and nothing framed.
 */
const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  // Icons are files; downloads use blob: URLs on <a download>, which img-src does not govern.
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/**
 * Step 3 (csp): adds the policy as a meta tag, the fallback for hosts that send no headers and
 * for the offline copy of index.html. The policy allows no inline script, so the page must have
 * none: one would be blocked, and the app would not start.
 */
function csp(staging) {
  const indexPath = join(staging, "index.html");
  const html = readFileSync(indexPath, "utf8");
  const inline = html.match(/<script(?![^>]*\bsrc=)[^>]*>[\s\S]*?<\/script>/);
  if (inline) throw new Error(`post-build: csp: index.html has an inline script, which the policy would block: ${inline[0].slice(0, 80)}`);
  writeFileSync(
    indexPath,
    html.replace(
      /<meta charset="utf-8">/i,
      `<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="${POLICY}">`,
    ),
  );
  console.log("post-build: csp: meta tag");
  return POLICY;
}

/**
 * Step 4 (headers): the policy as HTTP headers. Browsers ignore frame-ancestors in a meta tag,
 * so only a header stops other sites framing the app. Writes `_headers` (Netlify and Cloudflare
 * Pages read it as is) and `csp.txt` (the header's value, one line, for nginx, Apache or IIS:
 * see README "Deploying"; the same for every build).
 */
function headers(staging, policy) {
  const headerPolicy = `${policy}; frame-ancestors 'none'`;
  const all = {
    "Content-Security-Policy": headerPolicy,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Strict-Transport-Security": "max-age=31536000",
  };
  const lines = [
    "# Written by scripts/post-build.mjs for this build: deploy it with the files it names.",
    "/*",
    ...Object.entries(all).map(([name, value]) => `  ${name}: ${value}`),
    "# The page and the worker must be checked on every visit; hashed files never change.",
    "/",
    "  Cache-Control: no-cache",
    "/index.html",
    "  Cache-Control: no-cache",
    "/sw.js",
    "  Cache-Control: no-cache",
    "",
  ];
  writeFileSync(join(staging, "_headers"), lines.join("\n"));
  writeFileSync(join(staging, "csp.txt"), `${headerPolicy}\n`);
  // Unknown paths are the app (a rewrite, not a redirect); files that exist are served first.
  // Netlify needs this line; Cloudflare Pages does it by itself and ignores it.
  writeFileSync(join(staging, "_redirects"), "/*  /index.html  200\n");
  console.log("post-build: headers: _headers, _redirects and csp.txt");
}

/**
 * Step 5 (service worker): stamps sw.js with the SHA-256 of every file it may cache and a
 * version made of those hashes, so a change to any file's contents (index.html, the icon,
 * a content file), even under an unchanged name, makes a new worker. Precached: everything but
 * the DSL bundle (boot-<hash>.js included); cached on first use: the DSL bundle. Runs last, so
 * it hashes the files as deployed.
 */
function serviceWorker(staging) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push("/" + relative(staging, path).split("\\").join("/"));
    }
  };
  walk(staging);
  const integrity = (file) =>
    `sha256-${createHash("sha256").update(readFileSync(join(staging, file))).digest("base64")}`;
  const isDsl = (file) => /^dsl-/.test(file.split("/").pop()) && !file.startsWith("/content/");
  const precache = {};
  const onDemand = {};
  for (const file of files.filter((f) => !HOST_FILES.has(f)).sort()) {
    (isDsl(file) ? onDemand : precache)[file] = integrity(file);
  }
  const everything = Object.entries({ ...precache, ...onDemand }).sort(([a], [b]) => a.localeCompare(b));
  const version = createHash("sha256").update(everything.map((e) => e.join(" ")).join("\n")).digest("hex").slice(0, 12);
  // public/sw.js has placeholders; a stamped sw.js (--service-worker) has values: both match.
  const stamps = [
    [/const VERSION = "osw-[^"]*";/, `const VERSION = "osw-${version}";`],
    [/const PRECACHE = (__BUILD_PRECACHE__|\{[\s\S]*?\});/, `const PRECACHE = ${JSON.stringify(precache, null, 2)};`],
    [/const ON_DEMAND = (__BUILD_ON_DEMAND__|\{[\s\S]*?\});/, `const ON_DEMAND = ${JSON.stringify(onDemand, null, 2)};`],
  ];
  const swPath = join(staging, "sw.js");
  let sw = readFileSync(swPath, "utf8");
  for (const [pattern, value] of stamps) {
    if (!pattern.test(sw)) throw new Error(`post-build: sw.js has no ${pattern} to stamp`);
    sw = sw.replace(pattern, () => value);
  }
  writeFileSync(swPath, sw);
  console.log(
    `post-build: service worker osw-${version}: ${Object.keys(precache).length} file(s) precached, ` +
      `${Object.keys(onDemand).length} on first use`,
  );
}

const [flag, folder] = process.argv.slice(2);
if (flag === "--service-worker") {
  if (!folder) throw new Error("usage: node scripts/post-build.mjs --service-worker <built folder>");
  serviceWorker(folder);
} else {
  const staging = process.env.TRUNK_STAGING_DIR;
  if (!staging) throw new Error("TRUNK_STAGING_DIR is not set: run this through trunk build");
  const release = process.env.TRUNK_PROFILE === "release";
  if (release) minify(staging);
  bundles(staging);
  boot(staging, release);
  const policy = csp(staging);
  headers(staging, policy);
  serviceWorker(staging);
}
