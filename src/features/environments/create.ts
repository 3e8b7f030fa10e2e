import path from 'node:path';
import vscode = require('vscode');
import { l10n } from 'vscode';
import { type Installer } from '../../core/python/commands';
import { type CreateOutcome, createEnvironment, type CreateSummary } from '../../core/python/create';
import { type CreateCommandOptions, type CreatePlan, offlineRetryPlan, planFromOptions, readyMessage } from '../../core/python/createRequest';
import { findOnPath } from '../../core/python/discovery';
import { type Failure, failureNotice } from '../../core/python/failures';
import { localDiscoveryHost } from '../../core/python/interpreters';
import { probeInterpreter } from '../../core/python/probe';
import { pyprojectDependencies, reportedDistributions } from '../../core/python/requirements';
import { packagesUsedInFolder } from './projectPackages';
import { currentPlatform } from '../../core/python/venv';
import { config } from '../../services/config';
import { type SelectionTarget, selectProjectPython } from '../../services/interpreter';
import { type Log, SHOW_LOG_COMMAND } from '../../services/log';
import type { ProjectService } from '../../services/projects';
import { START_PROJECT_COMMAND } from './commandIds';
import { pickBasePython, pickContents, pickExistingAction, pickFolderName } from './pickers';
import { isOptionsObject, pickWorkspaceFolder, requireTrust, workspaceFolderAt } from './workspace';

export type CreateCommandResult =
  | { readonly status: 'cancelled' }
  /** `message`: the notification that says the environment is ready. */
  | { readonly status: 'created'; readonly summary: CreateSummary; readonly selectedVia: SelectionTarget; readonly message: string }
  /** `actions`: the buttons the failure's notification offers. */
  | { readonly status: 'failed'; readonly failure: Failure; readonly actions: readonly string[] }
  | { readonly status: 'untrusted' }
  | { readonly status: 'dismissed' };

/** What the user chose, in either way of calling the command. */
interface CreateRequest extends CreatePlan {
  readonly folder: vscode.WorkspaceFolder;
  readonly installer: Installer;
}

/** Create Environment: asks (or takes the options), creates, selects the result and says so. */
export async function createCommand(log: Log, projects: ProjectService, options: CreateCommandOptions | undefined): Promise<CreateCommandResult> {
  if (!requireTrust(l10n.t('Creating an environment'))) return { status: 'untrusted' };
  const request = isOptionsObject(options) ? requestFromOptions(options) : await askForRequest(log);
  if (!request) return { status: 'dismissed' };
  if ('failure' in request) {
    return { status: 'failed', failure: request.failure, actions: showFailure(log, request.failure) };
  }
  return createAndSelect(log, request, projects);
}

/** Creates, then selects and announces the environment; a failure is shown with what can be done next. */
async function createAndSelect(log: Log, request: CreateRequest, projects: ProjectService): Promise<CreateCommandResult> {
  const outcome = await runCreate(request, log);
  if (outcome.status === 'cancelled') {
    log.info('Environment creation cancelled; what it had made was removed.');
    return outcome;
  }
  if (outcome.status === 'failed') {
    const retry = await offlineRetry(log, request, outcome.failure);
    const actions = showFailure(log, outcome.failure, retry && { title: l10n.t('Retry with system site packages'), run: () => createAndSelect(log, retry, projects) });
    return { status: 'failed', failure: outcome.failure, actions };
  }
  const selectedVia = await selectProjectPython(outcome.summary.python, request.folder);
  log.info(`Selected ${outcome.summary.python} for ${request.folder.name} (${selectedVia})`);
  const message = readyMessage(outcome.summary);
  void announceReady(message, request.folder, outcome.summary.djangoVersion !== null, projects);
  return { ...outcome, selectedVia, message };
}

/** After an unreachable index: the same request with system site packages, when the base interpreter has every package. */
async function offlineRetry(log: Log, request: CreateRequest, failure: Failure): Promise<CreateRequest | undefined> {
  if (failure.kind !== 'index-unreachable') return undefined;
  const wanted = reportedDistributions(request.packages, request.requirementFiles);
  try {
    const base = await probeInterpreter(request.python, { distributions: wanted });
    return offlineRetryPlan(request, failure, wanted, base.distributions);
  } catch (error) {
    log.debug(`Could not ask ${request.python} for its packages: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

function requestFromOptions(options: CreateCommandOptions): CreateRequest | { failure: Failure } {
  const folder = workspaceFolderAt(options.folder);
  const plan = planFromOptions(options, { root: folder.uri.fsPath, configuredPython: configuredBasePython(), platform: currentPlatform() });
  if ('failure' in plan) return plan;
  return { ...plan, folder, installer: chooseInstaller(options.useUv) };
}

function configuredBasePython(): string | undefined {
  return config.basePython();
}

/** uv when the user allows it (setting or option) and it can be found; pip otherwise. */
function chooseInstaller(useUv?: boolean): Installer {
  if (!(useUv ?? config.useUv())) return { kind: 'pip' };
  const uv = config.uvPath() ?? findOnPath('uv', localDiscoveryHost());
  return uv ? { kind: 'uv', uv } : { kind: 'pip' };
}

async function askForRequest(log: Log): Promise<CreateRequest | undefined> {
  const folder = await pickWorkspaceFolder();
  if (!folder) return undefined;
  // Read while the user answers the next questions.
  const used = packagesUsedInFolder(folder);
  const python = configuredBasePython() ?? (await pickBasePython(log));
  if (!python) return undefined;
  const name = await pickFolderName(folder);
  if (!name) return undefined;
  const venvDir = path.join(folder.uri.fsPath, name);
  const existing = await pickExistingAction(venvDir);
  if (!existing) return undefined;
  const contents = await pickContents(folder, await used);
  if (!contents) return undefined;
  return { folder, python, venvDir, existing, installerArgs: [], installer: chooseInstaller(), ...contents };
}

/** Runs the creation under a cancellable progress notification, logging every step and line. */
async function runCreate(request: CreateRequest, log: Log): Promise<CreateOutcome> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: l10n.t('Creating {0}', path.basename(request.venvDir)), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        const packages = [...request.packages, ...(request.pyproject ? await readPyproject(request, controller.signal) : [])];
        log.info(`Creating ${request.venvDir} with ${request.python} (${request.installer.kind})`);
        return await createEnvironment({
          basePython: request.python,
          venvDir: request.venvDir,
          packages,
          requirementFiles: request.requirementFiles,
          systemSitePackages: request.systemSitePackages,
          installerArgs: request.installerArgs,
          installer: request.installer,
          existing: request.existing,
          report: reportedDistributions(packages, request.requirementFiles),
          signal: controller.signal,
          onProgress: (message) => {
            log.info(message);
            progress.report({ message });
          },
          onOutput: (line) => log.info(`  ${line}`),
        });
      } finally {
        subscription.dispose();
      }
    },
  );
}

async function readPyproject(request: CreateRequest, signal: AbortSignal): Promise<string[]> {
  return pyprojectDependencies(request.python, path.join(request.folder.uri.fsPath, 'pyproject.toml'), signal);
}

interface FailureAction {
  readonly title: string;
  readonly run: () => Promise<unknown>;
}

/** Logs and shows a failure, the action (if any) first, then Show Log; returns the buttons offered. */
function showFailure(log: Log, failure: Failure, action?: FailureAction): string[] {
  log.error(`${failure.message} ${failure.nextStep}`);
  if (failure.detail) log.error(failure.detail);
  const showLog = l10n.t('Show Log');
  const buttons = [...(action ? [action.title] : []), showLog];
  void vscode.window.showErrorMessage(failureNotice(failure), ...buttons).then((choice) => {
    if (choice === showLog) void vscode.commands.executeCommand(SHOW_LOG_COMMAND);
    else if (action && choice === action.title) void action.run();
  });
  return buttons;
}

/** Says the environment is ready; in a folder with Django but no project yet, offers to start one. */
async function announceReady(message: string, folder: vscode.WorkspaceFolder, hasDjango: boolean, projects: ProjectService): Promise<void> {
  const hasProject = (await projects.projects()).some((project) => vscode.workspace.getWorkspaceFolder(vscode.Uri.file(project.root))?.uri.toString() === folder.uri.toString());
  if (hasProject || !hasDjango) {
    void vscode.window.showInformationMessage(message);
    return;
  }
  const start = l10n.t('Start a Django project here');
  if ((await vscode.window.showInformationMessage(message, start)) === start) {
    await vscode.commands.executeCommand(START_PROJECT_COMMAND, { folder: folder.uri.fsPath });
  }
}
