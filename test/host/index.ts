// Entry the extension host requires for a suite: it is compiled into each dist-test/host/<suite>/
// folder and runs every *.test.js beside it with mocha. The runner passes --grep through the
// DJANGO_KIT_TEST_GREP environment variable.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.DJANGO_KIT_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  const runner = await new Promise<Mocha.Runner>((resolve) => {
    const started = mocha.run(() => resolve(started));
  });
  const { passes, failures, pending } = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
  // The runner on the other side reads this line to add up the figures of every suite.
  console.log(`DJANGO_KIT_RESULT ${JSON.stringify({ passes, failures, pending })}`);
  if (failures > 0) throw new Error(`${failures} host test(s) failed`);
}
