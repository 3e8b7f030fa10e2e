import * as l10n from '@vscode/l10n';

/** The kinds of failure that creating an environment can meet, each with its own next step. */
export type FailureKind =
  | 'interpreter-not-found'
  | 'windows-store-alias'
  | 'not-python'
  | 'python-too-old'
  | 'venv-missing'
  | 'ensurepip-missing'
  | 'index-unreachable'
  | 'package-not-found'
  | 'permission-denied'
  | 'bad-folder-name'
  | 'folder-exists'
  | 'untrusted'
  | 'process-failed';

/** A failure explained: what went wrong, what to do next, and the tool's own last lines. */
export interface Failure {
  readonly kind: FailureKind;
  readonly message: string;
  readonly nextStep: string;
  readonly detail?: string;
}

export class EnvironmentError extends Error {
  constructor(readonly failure: Failure) {
    super(`${failure.message} ${failure.nextStep}`.trim());
  }
}

/** The last few non-empty lines of a tool's output: what people need to see of a long pip log. */
export function lastLines(output: string, count = 8): string {
  return output
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.length > 0)
    .slice(-count)
    .join('\n');
}

/** Which step failed, for wording the message. */
export type Step = 'venv' | 'install';

// Ordered: the first pattern that matches wins, so a pip run that both failed to connect and
// then found no distribution is reported as a network problem, which is the real cause.
const RULES: readonly { kind: FailureKind; test: RegExp }[] = [
  { kind: 'ensurepip-missing', test: /ensurepip is not\s+available|No module named '?ensurepip/i },
  { kind: 'venv-missing', test: /No module named '?venv/i },
  {
    kind: 'index-unreachable',
    test: /NewConnectionError|Max retries exceeded|Temporary failure in name resolution|Name or service not known|Could not fetch URL|ConnectTimeoutError|ProxyError|SSLError|Network is unreachable|Failed to fetch|dns error|error sending request/i,
  },
  {
    kind: 'package-not-found',
    test: /No matching distribution found for|Could not find a version that satisfies|Because .* was not found in the package registry|No solution found when resolving/i,
  },
  { kind: 'permission-denied', test: /Permission denied|\[Errno 13\]|EACCES|Access is denied/i },
];

/** Turns a failed venv or install run into a message that says what to do next. */
/** `tool` names what ran the step, as the user chose it (`uv (/usr/bin/uv)`, `Python (/usr/bin/python3)`). */
export function classifyFailure(step: Step, output: string, python: string, tool?: string): Failure {
  const detail = lastLines(output);
  const rule = RULES.find((r) => r.test.test(output));
  switch (rule?.kind) {
    case 'ensurepip-missing':
      return ensurepipMissing(python, detail, debianVenvPackage(output));
    case 'venv-missing':
      return venvMissing(python, detail);
    case 'index-unreachable':
      return {
        kind: 'index-unreachable',
        message: l10n.t('pip could not reach its package index.'),
        nextStep: l10n.t(
          'Check the network or proxy, or point pip at a reachable index ({0}, {1}, or {2}).',
          'PIP_INDEX_URL',
          'pip.conf `index-url`',
          '`--no-index --find-links DIR`',
        ),
        detail,
      };
    case 'package-not-found':
      return {
        kind: 'package-not-found',
        message: packageNotFoundMessage(missingRequirement(output)),
        nextStep: l10n.t('Check the spelling and version of the package, or the index pip uses.'),
        detail,
      };
    case 'permission-denied':
      return {
        kind: 'permission-denied',
        message: step === 'venv' ? l10n.t('The environment folder could not be written: permission denied.') : l10n.t('pip was refused permission to write.'),
        nextStep: l10n.t('Choose a folder you can write to, or fix its permissions.'),
        detail,
      };
    default:
      return {
        kind: 'process-failed',
        message: step === 'venv' ? l10n.t('{0} could not create the environment.', tool ?? 'Python') : l10n.t('{0} could not install the packages.', tool ?? 'pip'),
        nextStep: l10n.t('See the last lines below and the Django Kit log.'),
        detail,
      };
  }
}

export function venvMissing(python: string, detail?: string): Failure {
  return {
    kind: 'venv-missing',
    message: l10n.t('{0} has no venv module, so it cannot create environments.', python),
    nextStep: l10n.t('On Debian or Ubuntu run {0}, or pick another interpreter.', '`sudo apt install python3-venv`'),
    detail,
  };
}

export function ensurepipMissing(python: string, detail?: string, aptPackage = 'python3-venv'): Failure {
  return {
    kind: 'ensurepip-missing',
    message: l10n.t('{0} cannot put pip into a new environment: its ensurepip module is missing.', python),
    nextStep: l10n.t('On Debian or Ubuntu run {0}, or pick another interpreter.', `\`sudo apt install ${aptPackage}\``),
    detail,
  };
}

function packageNotFoundMessage(requirement: string | undefined): string {
  return requirement ? l10n.t('No package matches {0}.', requirement) : l10n.t('No package matches a requested requirement.');
}

/** The requirement pip names in "No matching distribution found for X". */
function missingRequirement(output: string): string | undefined {
  const pip = /No matching distribution found for\s+(\S+)/i.exec(output);
  if (pip) return `\`${pip[1]}\``;
  const uv = /Because (\S+) was not found/i.exec(output);
  return uv ? `\`${uv[1]}\`` : undefined;
}

/** Debian's own message names the exact package, e.g. "apt install python3.11-venv". */
function debianVenvPackage(output: string): string {
  const match = /apt install (python[\d.]*-venv)/.exec(output);
  return match ? match[1] : 'python3-venv';
}

/** A tool's last two lines, each cut short: a notification is no place for a traceback (the log has it all). */
export function briefDetail(detail: string): string {
  return lastLines(detail, 2)
    .split('\n')
    .map((line) => (line.length > 160 ? `${line.slice(0, 159)}…` : line))
    .join('\n');
}

/** The text of a failure's notification: what went wrong, the next step, and the tool's last lines. */
export function failureNotice(failure: Failure): string {
  const text = `${failure.message} ${failure.nextStep}`;
  return failure.detail ? `${text}\n${briefDetail(failure.detail)}` : text;
}
