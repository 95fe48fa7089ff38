// Trunk post-build hook (Trunk.toml). Runs in Trunk's staging directory before it becomes
// dist/, as small named steps, in the order at the end of this file:
//   0. minify()         the bundles' JS glue, in a release build (before step 1 names them)
//   1. bundles()        index.html's loader and the DSL bundle's name
//   2. csp()            the Content-Security-Policy meta tag, hashing the inline scripts that
//                       step 1 left (so it must run after it)
//   3. headers()        the same policy as HTTP headers for the host: _headers and csp.txt
//                       (and _redirects: the SPA fallback, for Netlify)
//   4. serviceWorker()  stamps sw.js with every file's content hash and a version made of them
// File names the steps rely on: a bundle whose file name starts `dsl-` is only for the DSL's
// pages (cached on first use, never precached); everything under content/ is course data.
//
// `node scripts/post-build.mjs --service-worker <folder>` runs step 4 alone on a built folder
// (its sw.js already stamped): after files were replaced on a server (content/), so the worker's
// hashes and version follow them.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";


/** Files the build writes for the host, not for the browser: never cached by the worker. */
const HOST_FILES = new Set(["/sw.js", "/_headers", "/_redirects", "/csp.txt"]);

// Step 0 (minify): wasm-bindgen writes its JS glue readable, and Trunk's own minifier cannot
// read it (`export default`). terser (installed by scripts/setup.sh) makes each bundle's glue
// less than half the size (staff's: 7.6 KB brotli before, 5.9 KB after), and index.html's
// inline scripts smaller; the page's comments (notes for whoever edits it) go. Development
// builds stay readable and do not need terser.
function minify(staging) {
  const terser = (what, args, input) => {
    try {
      return execFileSync("terser", [...args, "--compress", "--mangle"], { input, encoding: "utf8" });
    } catch (error) {
      throw new Error(`post-build: minify: terser failed on ${what} (run scripts/setup.sh to install it): ${error.message}`);
    }
  };
  const glue = readdirSync(staging).filter((name) => name.endsWith(".js") && name !== "sw.js");
  if (glue.length !== 2) throw new Error(`post-build: minify: expected the two bundles' JS glue, found ${glue.join(", ") || "none"}`);
  for (const name of glue) {
    const file = join(staging, name);
    const before = statSync(file).size;
    writeFileSync(file, terser(name, ["--module"], readFileSync(file, "utf8")));
    console.log(`post-build: minify: ${name} ${before} -> ${statSync(file).size} bytes`);
  }
  const indexPath = join(staging, "index.html");
  const html = readFileSync(indexPath, "utf8");
  const small = html
    .replace(/<!--[\s\S]*?-->\s*/g, "")
    .replace(/(<script(?![^>]*\bsrc=)([^>]*)>)([\s\S]*?)(<\/script>)/g, (_, open, attrs, body, close) =>
      open + terser("index.html's inline script", /type="module"/.test(attrs) ? ["--module"] : [], body) + close,
    );
  writeFileSync(indexPath, small);
  console.log(`post-build: minify: index.html ${html.length} -> ${small.length} bytes`);
}

// Step 1 (bundles): Trunk writes the DSL's bundle (built as a "worker") as dsl.js and
// dsl_bg.wasm. Name them by their content, as Trunk names the staff's, and give the loader
// in index.html their names. The DSL's stylesheet (dsl-<hash>.css) moves from the page's
// head to the loader too, which adds it on the DSL's addresses only.
function bundles(staging) {
  const indexPath = join(staging, "index.html");
  const dslJs = join(staging, "dsl.js");
  const dslWasm = join(staging, "dsl_bg.wasm");
  if (!existsSync(dslJs) || !existsSync(dslWasm)) throw new Error("post-build: bundles: no DSL bundle (dsl.js, dsl_bg.wasm)");
  const hash = createHash("sha256").update(readFileSync(dslWasm)).digest("hex").slice(0, 16);
  renameSync(dslJs, join(staging, `dsl-${hash}.js`));
  renameSync(dslWasm, join(staging, `dsl-${hash}_bg.wasm`));
  const html = readFileSync(indexPath, "utf8");
  if (!html.includes("__DSL_JS__")) throw new Error("post-build: bundles: index.html's loader has no __DSL_JS__");
  const css = /<link rel="stylesheet" href="\/(dsl-[0-9a-f]+\.css)"[^>]*>\s*/;
  const stylesheet = html.match(css);
  if (!stylesheet || !html.includes("__DSL_CSS__")) throw new Error("post-build: bundles: no DSL stylesheet link, or no __DSL_CSS__ in the loader");
  writeFileSync(
    indexPath,
    html
      .replace(css, "")
      .replace("__DSL_JS__", `dsl-${hash}.js`)
      .replace("__DSL_WASM__", `dsl-${hash}_bg.wasm`)
      .replace("__DSL_CSS__", stylesheet[1]),
  );
  console.log(`post-build: bundles: dsl-${hash}`);
}

/**
 * Step 2 (csp): adds the policy as a meta tag, the fallback for hosts that send no headers and
 * for the offline copy of index.html. Returns the policy. Only this origin, no inline script
 * except the loader(s) left in index.html (allowed by their SHA-256), and nothing framed.
 */
function csp(staging) {
  const indexPath = join(staging, "index.html");
  let html = readFileSync(indexPath, "utf8");
  const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`,
  );
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
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
  html = html.replace(
    /<meta charset="utf-8">/i,
    `<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="${policy}">`,
  );
  writeFileSync(indexPath, html);
  console.log(`post-build: csp: ${hashes.length} inline script hash(es)`);
  return policy;
}

/**
 * Step 3 (headers): the policy as HTTP headers. Browsers ignore frame-ancestors in a meta tag,
 * so only a header stops other sites framing the app (review C1). Writes `_headers` (Netlify
 * and Cloudflare Pages read it as is) and `csp.txt` (the header's value, one line, for nginx,
 * Apache or IIS: see README "Deploying"). The hashes change with every build.
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
 * Step 4 (service worker): stamps sw.js with the SHA-256 of every file it may cache and a
 * version made of those hashes, so a change to any file's contents (index.html, the icon,
 * a content file) makes a new worker (review S2). Precached: everything but the DSL bundle;
 * cached on first use: the DSL bundle. Runs last, so it hashes the files as deployed.
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
  if (process.env.TRUNK_PROFILE === "release") minify(staging);
  bundles(staging);
  const policy = csp(staging);
  headers(staging, policy);
  serviceWorker(staging);
}
