// The one Web Worker for long loops (job-list.js names the jobs). It loads the full
// WebAssembly package once, then runs one job per message, in slices (job-runner.js):
//   page → worker  { type: 'start', id, job, params }   params.pace: ms between slices
//                  { type: 'cancel', id }
//   worker → page  { type: 'progress', id, done, total, detail }  (detail: optional data)
//                  { type: 'result', id, value }  (typed arrays transferred, not copied)
//                  { type: 'cancelled', id }
//                  { type: 'error', id, message }
// jobs.js starts it, and runs the same jobs on the page where a worker cannot be made
// (the single file, an opaque origin such as a sandboxed iframe).
import { JOBS } from './job-list.js';
import { CANCELLED, drive, transferables } from './job-runner.js';

let loading = null;
const cancelled = new Set();

function api() {
  loading ??= import(new URL('../pkg/ecdh_playground.js', import.meta.url).href).then(async (pkg) => {
    await pkg.default();
    return pkg;
  });
  return loading;
}

async function start({ id, job, params }) {
  const run = JOBS[job];
  if (!run) throw new Error(`no job called ${job}`);
  const result = await drive(run(await api(), params), {
    pace: params?.pace ?? 0,
    cancelled: () => cancelled.has(id),
    onProgress: ({ done, total, detail }) => postMessage({ type: 'progress', id, done, total, detail }),
  });
  cancelled.delete(id);
  if (result === CANCELLED) postMessage({ type: 'cancelled', id });
  else postMessage({ type: 'result', id, value: result }, transferables(result));
}

addEventListener('message', ({ data }) => {
  if (data?.type === 'cancel') {
    cancelled.add(data.id);
  } else if (data?.type === 'start') {
    start(data).catch((error) => postMessage({ type: 'error', id: data.id, message: error.message }));
  }
});
