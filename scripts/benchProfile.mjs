// `DJANGO_KIT_BENCH_PROFILE=<folder> npm run bench -- …`: each host run of a probe that supports it
// (test/bench/profile.ts) leaves a CPU profile of what it measured in that folder.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

/** The environment a host run needs to record its profile, named after the extension measured. */
export function profileEnv(extensionRoot) {
  const dir = process.env.DJANGO_KIT_BENCH_PROFILE;
  if (!dir) return {};
  mkdirSync(dir, { recursive: true });
  return { DJANGO_KIT_BENCH_PROFILE: path.join(path.resolve(dir), `${path.basename(extensionRoot)}-${Date.now()}.cpuprofile`) };
}
