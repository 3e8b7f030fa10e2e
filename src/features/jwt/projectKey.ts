import vscode = require('vscode');
import { l10n } from 'vscode';
import { type ClaimExpectations, type KeyInput, projectExpectations, projectKey, type VerificationResult } from '../../core/jwt';
import type { RenderedSummary } from '../../webview/jwt/protocol';
import type { Log } from '../../services/log';
import type { JwtPanel } from './panel';
import { pickToken } from './pickToken';
import { type ProjectJwt, readProjectJwt } from './project';
import type { SettingsModules } from './settingsModule';
import { verifyOrExplain } from './verification';

/** Said where no settings module holds a key; built per use, in the language of the moment. */
export function noSettingsMessage(): string {
  return l10n.t('No Django settings module was found in this workspace (a manage.py that names an existing settings module).');
}

/** What "Verify with Project Key" found, and what the panel then showed. */
export interface ProjectVerification {
  readonly result?: VerificationResult;
  readonly error?: string;
  readonly shown?: RenderedSummary;
}

/** The key and the checks SimpleJWT would apply: its key, ALGORITHM, AUDIENCE, ISSUER and LEEWAY. */
export interface ProjectVerificationKey {
  readonly input: KeyInput;
  readonly source: string;
  readonly expect: ClaimExpectations;
}

export async function verifyWithProjectKey(panel: JwtPanel, modules: SettingsModules, log: Log, argument: unknown): Promise<ProjectVerification | undefined> {
  const token = typeof argument === 'string' ? argument : panel.currentToken !== '' ? panel.currentToken : await pickToken();
  if (token === undefined || token.trim() === '') return undefined;
  const key = await projectVerificationKey(modules);
  if (!key) return undefined;
  await panel.showToken(token);
  const outcome = await verifyOrExplain(token, key.input, log, key.expect);
  const shown = await panel.showVerdict(token, outcome.result, outcome.error, key.source);
  return { ...outcome, shown };
}

/** Finds the settings and reads the key from them, asking the user when they do not spell it out. */
export async function projectVerificationKey(modules: SettingsModules): Promise<ProjectVerificationKey | undefined> {
  const project = await readProjectJwt(modules);
  if (!project) {
    void vscode.window.showWarningMessage(noSettingsMessage());
    return undefined;
  }
  const input = await keyFromSettings(project);
  return input ? { ...input, expect: projectExpectations(project.settings) } : undefined;
}

async function keyFromSettings(project: ProjectJwt): Promise<{ input: KeyInput; source: string } | undefined> {
  const key = projectKey(project.settings, project.environment);
  const { where } = project;
  if (key.kind === 'usable') return { input: { text: key.key, type: key.keyType }, source: l10n.t('{0} in {1}', key.source, where) };
  const typed = await vscode.window.showInputBox({
    title: l10n.t('Verify with Project Key'),
    prompt: key.keyType === 'pem' ? l10n.t('{0} Enter the PEM public key to verify with.', whyNoKey(key, where)) : l10n.t('{0} Enter the secret to verify with.', whyNoKey(key, where)),
    password: key.keyType === 'secret',
    ignoreFocusOut: true,
  });
  if (typed === undefined || typed === '') return undefined;
  return { input: { text: typed, type: key.keyType }, source: l10n.t('key typed for {0}', key.kind === 'missing' ? key.algorithm : key.setting) };
}

function whyNoKey(key: Exclude<ReturnType<typeof projectKey>, { kind: 'usable' }>, where: string): string {
  switch (key.kind) {
    case 'not-literal':
      return l10n.t('{0} in {1} is computed ({2}), not written out, so it cannot be read without running the settings.', key.setting, where, key.expression);
    case 'unset-variable':
      return key.lookedIn.length > 0
        ? l10n.t('{0} in {1} reads the environment variable {2}, which none of {3} sets.', key.setting, where, key.variable, key.lookedIn.join(', '))
        : l10n.t('{0} in {1} reads the environment variable {2}, which no .env file beside manage.py or the settings sets.', key.setting, where, key.variable);
    case 'missing':
      return l10n.t('{0} sets no {1} for {2}.', where, key.setting, key.algorithm);
  }
}
