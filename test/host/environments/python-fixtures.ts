// Real interpreters for error-path tests, shared by the unit and host suites of environments.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** Debian's interpreter, whose Django and DRF satisfy pip with --no-index. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/**
 * A real interpreter that lacks some standard modules, as Debian's python3 does without the
 * python3-venv package: a pip-less venv of the system Python whose .pth file installs an import
 * hook refusing those modules. It is Python through and through, so `-m venv` really fails.
 */
export function interpreterWithout(root: string, modules: readonly string[]): string {
  const dir = path.join(root, 'crippled python');
  execFileSync(SYSTEM_PYTHON, ['-m', 'venv', '--without-pip', dir]);
  const python = path.join(dir, 'bin', 'python');
  const site = execFileSync(python, ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'], { encoding: 'utf8' }).trim();
  writeFileSync(
    path.join(site, 'refuse_modules.py'),
    [
      'import sys',
      `REFUSED = ${JSON.stringify(modules)}`,
      'class Refuse:',
      '    @staticmethod',
      '    def find_spec(name, path=None, target=None):',
      '        if name.split(".")[0] in REFUSED:',
      '            raise ModuleNotFoundError("No module named %r" % name, name=name)',
      '        return None',
      'sys.meta_path.insert(0, Refuse)',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(site, 'refuse_modules.pth'), 'import refuse_modules\n');
  return python;
}
