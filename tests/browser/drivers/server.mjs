// The server the engine suite runs against: scripts/serve.mjs exactly as `make serve`
// runs it, behind a thin recording layer that changes nothing a page enforces.
//  - Every CSP header gains `report-uri /__csp-report`: each engine then POSTs the
//    violations it reports (from pages, and from workers except in WebKitGTK, which
//    neither reports nor fires events for a worker's violations) to `reports`. The policy
//    enforced is unchanged.
//  - With `probe`, for an engine whose driver has no console channel (WebKitGTK's
//    WebDriver has none): HTML pages get one same-origin classic script first in <head>
//    (probe.js), which records console.error, uncaught errors, unhandled rejections and
//    securitypolicyviolation events for the driver to read; module workers (www/workers/)
//    import worker-probe.js first, which posts the same from the worker to `problems`.
import { createServer, request as httpRequest } from "node:http";
import { readFileSync } from "node:fs";
import { startServer } from "../../../scripts/serve.mjs";

export const REPORT_PATH = "/__csp-report";
export const PROBE_PATH = "/__engine-probe.js";
export const WORKER_PROBE_PATH = "/__engine-worker-probe.js";
export const PROBLEM_PATH = "/__engine-problem";
const PROBES = {
  [PROBE_PATH]: readFileSync(new URL("./probe.js", import.meta.url)),
  [WORKER_PROBE_PATH]: readFileSync(new URL("./worker-probe.js", import.meta.url)),
};

/** What the probes add to a served file, if anything. */
function instrument(pathname, contentType, text) {
  if (contentType.startsWith("text/html")) return text.replace(/<head>/i, `<head>\n<script src="${PROBE_PATH}"></script>`);
  if (/\/workers\/(?!protocol\.js)[^/]+\.js$/.test(pathname)) return `import "${WORKER_PROBE_PATH}";\n${text}`;
  return null;
}

/** The body of a POST request, as text. */
function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/**
 * Starts serve.mjs and the recording layer in front of it: `reports` collects CSP violation
 * reports, `problems` what the worker probe posts. `routes(pathname)` may answer a path itself:
 * bytes (200), `false` (404), or undefined/null to leave it to serve.mjs.
 */
export async function startTestServer({ probe = false, routes = null } = {}) {
  const upstream = await startServer({ port: 0 });
  const upstreamPort = upstream.address().port;
  const reports = [];
  const problems = [];
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url, "http://localhost");
    if (request.method === "POST" && (pathname === REPORT_PATH || pathname === PROBLEM_PATH)) {
      (pathname === REPORT_PATH ? reports : problems).push(await readBody(request));
      response.writeHead(204).end();
      return;
    }
    // Files a test serves itself (the log tests' logs, changed between visits), as a static host would.
    const served = routes?.(pathname);
    if (served !== undefined && served !== null) {
      const found = served instanceof Uint8Array;
      response.writeHead(found ? 200 : 404, { "Content-Type": "application/octet-stream", "Cache-Control": "no-store" }).end(found ? served : "not found");
      return;
    }
    if (probe && PROBES[pathname]) {
      response.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-store" }).end(PROBES[pathname]);
      return;
    }
    // The probe rewrites bodies, so it asks for them uncompressed; otherwise the engine gets
    // what serve.mjs sends (gzip included).
    const headers = { ...request.headers };
    if (probe) delete headers["accept-encoding"];
    const forward = httpRequest(
      { host: "127.0.0.1", port: upstreamPort, method: request.method, path: request.url, headers },
      (answer) => {
        const headers = { ...answer.headers };
        if (headers["content-security-policy"]) headers["content-security-policy"] += `; report-uri ${REPORT_PATH}`;
        if (!probe || answer.statusCode !== 200) {
          response.writeHead(answer.statusCode, headers);
          answer.pipe(response);
          return;
        }
        const chunks = [];
        answer.on("data", (chunk) => chunks.push(chunk));
        answer.on("end", () => {
          const body = Buffer.concat(chunks);
          const changed = instrument(pathname, String(headers["content-type"]), body.toString("utf8"));
          if (changed !== null) {
            delete headers["content-length"];
            delete headers["transfer-encoding"];
          }
          response.writeHead(answer.statusCode, headers).end(changed ?? body);
        });
      },
    );
    forward.on("error", (error) => response.writeHead(502).end(String(error)));
    request.pipe(forward);
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    reports,
    problems,
    async close() {
      server.closeAllConnections?.();
      upstream.closeAllConnections?.();
      await Promise.all([server, upstream].map((each) => new Promise((resolve) => each.close(resolve))));
    },
  };
}
