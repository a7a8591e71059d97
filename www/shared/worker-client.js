// One client for every worker of both pages (projections, Monte Carlo, the ledger audit, the
// population): one job at a time with progress, cancel, and the retry WebKit needs. The worker
// side is www/workers/protocol.js: `{ id, task, args }` in; `{ id, progress }`, then
// `{ id, result }` or `{ id, error }` out.

import { fetchPinned } from "./pinned.js";

/** What a job's promise rejects with when a newer job or `cancel()` ended it. */
export const CANCELLED = Object.freeze({ code: "cancelled", cancelled: true });

/**
 * A module worker for `url`. Browsers refuse a module worker from another origin, so for
 * files served from a CDN the worker is a same-origin blob that imports the CDN's module (the
 * page's CSP then needs `worker-src blob:`; the module and the wasm load with CORS).
 */
function startWorker(url, script) {
  if (script) return new Worker(script, { type: "module" });
  if (url.origin === location.origin) return new Worker(url, { type: "module" });
  const blobUrl = URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};`], { type: "text/javascript" }));
  try {
    return new Worker(blobUrl, { type: "module" });
  } finally {
    // The worker has its script's URL by now; the blob is not needed again.
    setTimeout(() => URL.revokeObjectURL(blobUrl), 10_000);
  }
}

/**
 * The name a release's bundled worker (scripts/dist.mjs) reads its own URL from, in place of
 * `import.meta.url`, which in a worker started from a blob is the blob's.
 */
export const WORKER_URL = "__pointsPoolWorkerUrl";

/**
 * A pinned worker's script: fetched with its integrity (a release bundles each worker into one
 * file, so this is everything it runs but the wasm, which it fetches pinned itself), and
 * started from a blob of exactly those bytes, its URL declared first.
 */
async function pinnedScript(url, integrity) {
  const text = await (await fetchPinned(url, integrity)).text();
  const blob = new Blob([`const ${WORKER_URL} = ${JSON.stringify(url.href)};\n`, text], { type: "text/javascript" });
  return URL.createObjectURL(blob);
}

export class WorkerClient {
  #url;
  #integrity;
  /** The blob URL of a pinned worker's checked script (a promise), kept for fresh workers. */
  #script = null;
  #tries;
  #worker = null;
  #job = null;
  #count = 0;

  /**
   * `tries`: how often a failed job is run again, each time in a fresh worker. WebKit's
   * JavaScriptCore (WebKitGTK 2.50; every iPhone browser runs it) now and then miscomputes
   * while its concurrent JIT compiles the engine's hottest loop in a freshly compiled module:
   * a few Monte Carlo runs in a hundred end in "Out of bounds memory access" or a
   * limit_exceeded no other engine gives. A real refusal fails every time and is reported.
   */
  constructor(url, { tries = 1, integrity = null } = {}) {
    this.#url = url;
    this.#tries = tries;
    this.#integrity = integrity;
  }

  /** Whether a job is under way. */
  get busy() {
    return this.#job !== null;
  }

  /** Runs `task` with `args` (a newer job cancels this one); `onProgress` hears the worker's progress. */
  run(task, args, { onProgress } = {}) {
    this.cancel();
    return new Promise((resolve, reject) => {
      this.#job = { id: ++this.#count, task, args, onProgress, resolve, reject, tries: 1 };
      this.#send(this.#job);
    });
  }

  /** Ends the job under way, and its worker: the next job starts a fresh one. */
  cancel() {
    const job = this.#job;
    if (!job) return false;
    this.#job = null;
    this.#stop();
    job.reject(CANCELLED);
    return true;
  }

  /** Ends everything (the element left the page). */
  close() {
    this.cancel();
    this.#stop();
    this.#script?.then((script) => URL.revokeObjectURL(script), () => {});
    this.#script = null;
  }

  #stop() {
    this.#worker?.terminate();
    this.#worker = null;
  }

  #send(job) {
    if (!this.#worker && this.#integrity) {
      this.#sendPinned(job);
      return;
    }
    this.#worker ??= this.#start(null);
    this.#worker.postMessage({ id: job.id, task: job.task, args: job.args });
  }

  /**
   * A pinned worker starts only from its checked script: one that fails its hash, or does not
   * load, fails the job with that code (integrity_failed, module_failed) and is never run.
   */
  async #sendPinned(job) {
    this.#script ??= pinnedScript(this.#url, this.#integrity);
    try {
      const script = await this.#script;
      if (this.#job !== job) return;
      this.#worker ??= this.#start(script);
      this.#worker.postMessage({ id: job.id, task: job.task, args: job.args });
    } catch (error) {
      if (error?.code) this.#script = null;
      if (this.#job !== job) return;
      this.#job = null;
      job.reject({ code: error?.code ?? "worker_failed", values: error?.values ?? {} });
    }
  }

  #start(script) {
    const worker = startWorker(this.#url, script);
    worker.onmessage = ({ data }) => this.#receive(worker, data);
    // A worker that cannot load (a CSP without worker-src, a CDN's CORS, a 404) says so here,
    // and goes the way of a failed job: tried again, then reported.
    const failed = (event) => {
      event.preventDefault?.();
      this.#receive(worker, { id: this.#job?.id, error: { code: "worker_failed" } });
    };
    worker.onerror = failed;
    worker.onmessageerror = failed;
    return worker;
  }

  #receive(worker, data) {
    const job = this.#job;
    if (!job || worker !== this.#worker || data.id !== job.id) return; // an ended job's late word
    if (data.progress !== undefined) {
      job.onProgress?.(data.progress);
    } else if (data.error && job.tries < this.#tries) {
      job.tries += 1;
      this.#stop();
      this.#send(job);
    } else {
      this.#job = null;
      if (data.error) job.reject(data.error);
      else job.resolve(data.result);
    }
  }
}
