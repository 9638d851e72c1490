// Long loops off the page's thread: `runJob(name, params, options)` runs a job of
// job-list.js in the Web Worker (worker.js) when one can be made, and otherwise on the
// page in slices (job-runner.js), which keeps the page responsive all the same. No
// worker where it cannot load its script: the single file (nothing beside it) and an
// opaque origin (a sandboxed iframe, a file opened from disk), whose policy or origin
// would refuse it — so the page never tries and never trips the CSP. If the worker
// fails to start anyway, the job runs on the page.
import { SINGLE_FILE, ready } from './wasm.js';
import { JOBS } from './job-list.js';
import { CANCELLED, drive } from './job-runner.js';

let worker = null;
let workerFailed = false;
let nextId = 1;
/** id → { resolve, reject, onProgress, fallback } of the jobs sent to the worker. */
const pending = new Map();

/** Whether this page can run jobs in a worker. */
export function workersAvailable() {
  return !SINGLE_FILE && !workerFailed && typeof Worker === 'function'
    && globalThis.origin !== 'null';
}

/** Thrown (rejected) when a job is cancelled. */
export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelled';
  }
}

function failWorker() {
  workerFailed = true;
  worker?.terminate();
  worker = null;
  // Everything sent to it runs on the page instead.
  for (const [id, job] of pending) {
    pending.delete(id);
    job.fallback();
  }
}

function startWorker() {
  if (worker) return worker;
  worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    failWorker();
  });
  worker.addEventListener('message', ({ data }) => {
    const job = pending.get(data.id);
    if (!job) return;
    if (data.type === 'progress') {
      job.onProgress({ done: data.done, total: data.total, detail: data.detail, text: data.text });
      return;
    }
    pending.delete(data.id);
    if (data.type === 'result') job.resolve({ value: data.value, where: 'worker' });
    else if (data.type === 'cancelled') job.reject(new JobCancelled());
    else job.reject(new Error(data.message));
  });
  return worker;
}

async function onPage(name, params, { onProgress, signal }) {
  const api = await ready(params.build ?? 'full', { exact: true });
  const result = await drive(JOBS[name](api, params), {
    onProgress,
    pace: params.pace ?? 0,
    cancelled: () => signal?.aborted ?? false,
  });
  if (result === CANCELLED) throw new JobCancelled();
  return { value: result, where: 'page' };
}

/**
 * Runs the job `name` with `params` (plain data; `params.pace` slows it down, in ms
 * between slices). `onProgress({ done, total })` after each slice; aborting `signal`
 * cancels it (the promise rejects with JobCancelled). Resolves to `{ value, where }`,
 * where is "worker" or "page". A job may add `detail` to its progress (plain data).
 */
export function runJob(name, params, { onProgress = () => {}, signal = null } = {}) {
  if (!JOBS[name]) return Promise.reject(new Error(`no job called ${name}`));
  if (signal?.aborted) return Promise.reject(new JobCancelled());
  if (!workersAvailable()) return onPage(name, params, { onProgress, signal });
  return new Promise((resolve, reject) => {
    const id = nextId;
    nextId += 1;
    const fallback = () => onPage(name, params, { onProgress, signal }).then(resolve, reject);
    let started;
    try {
      started = startWorker();
    } catch {
      // A policy or origin that refuses workers after all.
      workerFailed = true;
      fallback();
      return;
    }
    pending.set(id, { resolve, reject, onProgress, fallback });
    signal?.addEventListener('abort', () => {
      if (!pending.has(id)) return;
      pending.delete(id);
      worker?.postMessage({ type: 'cancel', id });
      reject(new JobCancelled());
    }, { once: true });
    started.postMessage({ type: 'start', id, job: name, params });
  });
}
