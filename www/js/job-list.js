// The jobs that worker.js (and jobs.js, where no worker can be made) know by name. A job
// is `function* (api, params)`: `api` is the loaded WebAssembly package (the full build),
// each step one slice of work yielding `{ done, total }`, the return value its result.
// Another page's long loop joins by adding its entry here.
import { scanCurve, discreteLog } from './curve-jobs.js';
import { invalidCurve } from './attack-invalid-curve-job.js';

// The bench page's run (bench-job.js, params.build "core"), loaded only when asked for;
// through a URL, so that the single file's bundle leaves it out.
async function* bench(api, params) {
  const { benchJob } = await import(new URL('./bench-job.js', import.meta.url).href);
  return yield* benchJob(api, params);
}

export const JOBS = {
  'toy-scan': scanCurve,
  'toy-log': discreteLog,
  'invalid-curve': invalidCurve,
  bench,
};
