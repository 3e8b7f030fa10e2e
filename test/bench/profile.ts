// With DJANGO_KIT_BENCH_PROFILE naming a file, a probe records the extension host's CPU while it
// measures, into that file (open it in Chrome's DevTools or VS Code): where the time went.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const SAMPLING_INTERVAL_US = 200;

/** Runs `work`, recording a CPU profile of the whole extension host meanwhile when asked to. */
export async function profiled<T>(work: () => Promise<T>): Promise<T> {
  const file = process.env.DJANGO_KIT_BENCH_PROFILE;
  if (!file) return work();
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: object };
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}
