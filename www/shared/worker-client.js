// One client for every worker of both pages (projections, Monte Carlo, the ledger audit, the
// population): one job at a time with progress, cancel, and the retry WebKit needs. The worker
// side is www/workers/protocol.js: `{ id, task, args }` in; `{ id, progress }`, then
// `{ id, result }` or `{ id, error }` out.

/** What a job's promise rejects with when a newer job or `cancel()` ended it. */
export const CANCELLED = Object.freeze({ code: "cancelled", cancelled: true });

/**
 * A module worker for `url`. Browsers refuse a module worker from another origin, so for
 * files served from a CDN the worker is a same-origin blob that imports the CDN's module (the
 * page's CSP then needs `worker-src blob:`; the module and the wasm load with CORS).
 */
function startWorker(url) {
  if (url.origin === location.origin) return new Worker(url, { type: "module" });
  const blobUrl = URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};`], { type: "text/javascript" }));
  try {
    return new Worker(blobUrl, { type: "module" });
  } finally {
    // The worker has its script's URL by now; the blob is not needed again.
    setTimeout(() => URL.revokeObjectURL(blobUrl), 10_000);
  }
}

export class WorkerClient {
  #url;
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
  constructor(url, { tries = 1 } = {}) {
    this.#url = url;
    this.#tries = tries;
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
  }

  #stop() {
    this.#worker?.terminate();
    this.#worker = null;
  }

  #send(job) {
    this.#worker ??= this.#start();
    this.#worker.postMessage({ id: job.id, task: job.task, args: job.args });
  }

  #start() {
    const worker = startWorker(this.#url);
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
