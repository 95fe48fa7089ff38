// Trunk post-build hook. Runs in the staging directory before it becomes dist/.
// 1. Adds a Content-Security-Policy meta tag: only this origin, no inline script except
//    Trunk's own loader (allowed by its SHA-256 hash), no network anywhere else.
// 2. Stamps public/sw.js with the list of built files and a version derived from them.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("TRUNK_STAGING_DIR is not set: run this through trunk build");

const htmlPath = join(staging, "index.html");
let html = readFileSync(htmlPath, "utf8");

// Bundles: Trunk writes the DSL's bundle (built as a "worker") as dsl.js and dsl_bg.wasm.
// Name them by their content, as Trunk names the staff's, and give the loader their names.
const hashOf = (path) => createHash("sha256").update(readFileSync(path)).digest("hex").slice(0, 16);
const dslJs = join(staging, "dsl.js");
const dslWasm = join(staging, "dsl_bg.wasm");
if (existsSync(dslJs) && existsSync(dslWasm)) {
  const hash = hashOf(dslWasm);
  renameSync(dslJs, join(staging, `dsl-${hash}.js`));
  renameSync(dslWasm, join(staging, `dsl-${hash}_bg.wasm`));
  html = html.replace("__DSL_JS__", `dsl-${hash}.js`).replace("__DSL_WASM__", `dsl-${hash}_bg.wasm`);
}

const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  ([, body]) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`,
);

export const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

html = html.replace(
  /<meta charset="utf-8">/i,
  `<meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="${csp}">`,
);
writeFileSync(htmlPath, html);

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push("/" + relative(staging, path).split("\\").join("/"));
  }
};
walk(staging);
const assets = ["/", ...files.filter((f) => f !== "/sw.js").sort()];
const version = createHash("sha256").update(assets.join("\n")).digest("hex").slice(0, 12);
const swPath = join(staging, "sw.js");
const sw = readFileSync(swPath, "utf8")
  .replace("__BUILD_VERSION__", version)
  .replace("__BUILD_ASSETS__", JSON.stringify(assets));
writeFileSync(swPath, sw);
console.log(`post-build: CSP with ${hashes.length} script hash(es); service worker caches ${assets.length} files (${version})`);
