// Serves www/ on 127.0.0.1 under the Content-Security-Policy merchants are promised
// the element runs under. `node scripts/serve.mjs [--port 8080] [--root www]`.
// Imported by the browser tests too (startServer), so they test what `make serve` serves.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/** Compressed bodies by path, kept while the file is unchanged. */
const GZIPPED = new Map();

function gzipped(path, body) {
  const cached = GZIPPED.get(path);
  if (cached && cached.source.equals(body)) return cached.gzip;
  const gzip = gzipSync(body, { level: 6 });
  GZIPPED.set(path, { source: body, gzip });
  return gzip;
}

/** What a host compresses: text and the wasm (a third of its size gzipped). */
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".csv", ".ts"]);

// Exactly the policy merchants are promised the element runs under.
export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".csv": "text/csv; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
};

/**
 * Serves `root`. `headers` replaces the CSP: a CDN-like server for the cross-origin test sends
 * `Access-Control-Allow-Origin` instead.
 */
export function startServer({ port = 8080, host = "127.0.0.1", root = fileURLToPath(new URL("../www", import.meta.url)), headers = { "Content-Security-Policy": CONTENT_SECURITY_POLICY } } = {}) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, "http://localhost");
    let path = normalize(join(base, decodeURIComponent(url.pathname)));
    if (!path.startsWith(base)) {
      response.writeHead(403).end("forbidden");
      return;
    }
    try {
      if ((await stat(path)).isDirectory()) path = join(path, "index.html");
      let body = await readFile(path);
      const compressed = COMPRESSIBLE.has(extname(path)) && /\bgzip\b/.test(request.headers["accept-encoding"] ?? "");
      if (compressed) body = gzipped(path, body);
      response.writeHead(200, {
        "Content-Type": TYPES[extname(path)] ?? "application/octet-stream",
        ...headers,
        ...(compressed ? { "Content-Encoding": "gzip", Vary: "Accept-Encoding" } : {}),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      });
      response.end(body);
    } catch {
      response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found");
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolvePromise(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : fallback;
  };
  const port = Number(option("--port", 8080));
  const server = await startServer({ port, root: option("--root", undefined) });
  const { port: actual } = server.address();
  console.log(`points-pool demo shop (member's calculator): http://127.0.0.1:${actual}/  (English: ?lang=en)`);
  console.log(`operator page (parameters, comparison, sweeps, ledger audit): http://127.0.0.1:${actual}/operator.html`);
  console.log("Ctrl-C stops the server.");
}
