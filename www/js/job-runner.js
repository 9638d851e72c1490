// Running a long loop in slices, the same way in a Web Worker (worker.js) and, where no
// worker can be made, on the page (jobs.js): a job is a generator that does one slice of
// work per step and yields its progress `{ done, total }` (and optionally `text`); it
// returns its result. An async generator works the same way. Between
// slices the runner gives the event loop a turn, so a Cancel (a message to the worker, or
// the page's own click) is seen, and the page never freezes.

/** What `drive` resolves to when the job was cancelled. */
export const CANCELLED = Symbol('cancelled');

/** Gives the event loop a turn (at least `ms` milliseconds). */
const pause = (ms) => new Promise((resolve) => {
  setTimeout(resolve, ms);
});

/**
 * Runs `job` (an iterator from a job function) to its end. `onProgress({ done, total })`
 * after each slice; `cancelled()` is asked between slices; `pace` ms are waited between
 * slices (0: as fast as the machine goes). Resolves to the job's result or CANCELLED.
 */
export async function drive(job, { onProgress = () => {}, cancelled = () => false, pace = 0 } = {}) {
  for (;;) {
    if (cancelled()) {
      // Lets the job's `finally` free what it holds.
      job.return?.();
      return CANCELLED;
    }
    // A job may be an async generator (one whose slices await, such as the bench's).
    const { value, done } = await job.next();
    if (done) return value;
    onProgress(value);
    await pause(pace);
  }
}

/** The buffers in a result, to transfer from a worker instead of copying them. */
export function transferables(value) {
  if (ArrayBuffer.isView(value)) return [value.buffer];
  if (value && typeof value === 'object') return Object.values(value).flatMap(transferables);
  return [];
}
