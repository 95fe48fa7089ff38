// A tiny static server for the built app: serves a folder on 127.0.0.1 and answers every
// unknown path with index.html, as a host must for the app's real URLs (/training/...).
// It sends the headers the build writes in <dir>/_headers (the `/*` block: the
// Content-Security-Policy with frame-ancestors, nosniff, ...), so tests run under them.
// It sends `cache-control: no-cache` and no validators (no ETag, no Last-Modified): the worst
// case for caching, where every revalidation is a full download.
//
// Usage: node serve.mjs <dir> <port>      (scripts/serve.sh, the e2e tests)
// Or, from a script or test:
//   import { createAppServer } from "./serve.mjs";
//   const server = createAppServer({ root, brotli: true, onRequest: (path) => ... });
import { createServer } from "node:http";
import { readFileSync, existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
};

/** The headers of the `/*` block of a Netlify-style `_headers` file (empty when absent). */
export function siteHeaders(root) {
  const file = join(root, "_headers");
  if (!existsSync(file)) return {};
  const headers = {};
  let inAll = false;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim() || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      inAll = line.trim() === "/*";
      continue;
    }
    const colon = line.indexOf(":");
    if (inAll && colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * A server for `root`. Options:
 * - `brotli`: send `content-encoding: br` (compressed once, at quality 11) when the browser
 *   accepts it, as a production host would;
 * - `onRequest(path, bytesSent)`: called for every response, to count downloads.
 */
export function createAppServer({ root, brotli = false, onRequest } = {}) {
  root = resolve(root ?? "dist");
  const extra = siteHeaders(root);
  const compressed = new Map();

  async function fileFor(urlPath) {
    const path = normalize(join(root, decodeURIComponent(urlPath)));
    if (!path.startsWith(root)) return null;
    try {
      const info = await stat(path);
      return info.isFile() ? path : null;
    } catch {
      return null;
    }
  }

  return createServer(async (req, res) => {
    const urlPath = new URL(req.url, "http://127.0.0.1").pathname;
    const path = (await fileFor(urlPath)) ?? join(root, "index.html");
    try {
      let body = await readFile(path);
      const headers = {
        ...extra,
        "content-type": types[extname(path)] ?? "application/octet-stream",
        "cache-control": "no-cache",
      };
      if (brotli && /\bbr\b/.test(req.headers["accept-encoding"] ?? "")) {
        if (!compressed.has(path)) {
          const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length };
          compressed.set(path, brotliCompressSync(body, { params }));
        }
        body = compressed.get(path);
        headers["content-encoding"] = "br";
        headers["vary"] = "accept-encoding";
      }
      headers["content-length"] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : body);
      onRequest?.(urlPath, body.length);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const root = resolve(process.argv[2] ?? "dist");
  const port = Number(process.argv[3] ?? 4173);
  createAppServer({ root }).listen(port, "127.0.0.1", () => console.log(`serving ${root} on http://127.0.0.1:${port}`));
}
