// The one Web Worker for long loops (job-list.js names the jobs). It loads the full
// WebAssembly package once (or the build a job names in params.build), then runs one job
// per message, in slices (job-runner.js):
//   page → worker  { type: 'start', id, job, params }   params.pace: ms between slices
//                  { type: 'cancel', id }
//   worker → page  { type: 'progress', id, done, total, detail, text }  (both optional: data, and
//                  what the slice was about)
//                  { type: 'result', id, value }  (typed arrays transferred, not copied)
//                  { type: 'cancelled', id }
//                  { type: 'error', id, message }
// jobs.js starts it, and runs the same jobs on the page where a worker cannot be made
// (the single file, an opaque origin such as a sandboxed iframe).
import { JOBS } from './job-list.js';
import { CANCELLED, drive, transferables } from './job-runner.js';
import { instantiate } from './wasm.js';

const loading = {};
const cancelled = new Set();

/** A build of the package (params.build, "full" unless a job asks for another), once. */
function api(build = 'full') {
  loading[build] ??= instantiate(build);
  return loading[build];
}

async function start({ id, job, params }) {
  const run = JOBS[job];
  if (!run) throw new Error(`no job called ${job}`);
  const result = await drive(run(await api(params?.build), params), {
    pace: params?.pace ?? 0,
    cancelled: () => cancelled.has(id),
    // `detail` (optional data) and `text` (optional: what the slice was about).
    onProgress: ({ done, total, detail, text }) => postMessage({ type: 'progress', id, done, total, detail, text }),
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
