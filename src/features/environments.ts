import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { guarded, type Log, reportError, SHOW_LOG_COMMAND } from './log';
import { pythonExtension, projectPython, type SelectionTarget, selectProjectPython } from './interpreter';
import { type CommandLine, type Installer, checkFolderName, presetPackages, startAppCommand, startProjectCommand } from '../core/python/commands';
import { type CreateOutcome, type ExistingFolder, createEnvironment } from '../core/python/create';
import { findOnPath, type InterpreterCandidate } from '../core/python/discovery';
import { type Failure, lastLines } from '../core/python/failures';
import { describeInterpreters, findInterpreterCandidates, localDiscoveryHost } from '../core/python/interpreters';
import { type InterpreterInfo, isSupportedPython, majorMinor, probeInterpreter } from '../core/python/probe';
import { findRequirementFiles, pyprojectDependencies, reportedDistributions } from '../core/python/requirements';
import { currentPlatform, VENV_FOLDER_NAMES, venvPython } from '../core/python/venv';
import { runProcess } from '../core/process';

const CREATE_COMMAND = 'djangoKit.env.create';
const SELECT_COMMAND = 'djangoKit.env.select';
const START_PROJECT_COMMAND = 'djangoKit.env.startProject';
// Not in the command palette: the status bar item's menu.
const STATUS_MENU_COMMAND = 'djangoKit.env.statusMenu';

/**
 * What `djangoKit.env.create` accepts when called through executeCommand. Given an object, the
 * command asks nothing: whatever is left out takes its default.
 */
export interface CreateCommandOptions {
  readonly python?: string;
  /** Workspace folder to create the environment in (its path); default: the first one. */
  readonly folder?: string;
  /** Environment folder name; default `venv`. */
  readonly name?: string;
  /** Packages; default the Django + DRF preset (with SimpleJWT when `simpleJwt`). */
  readonly packages?: readonly string[];
  readonly simpleJwt?: boolean;
  /** Requirement files, relative to the workspace folder. */
  readonly requirements?: readonly string[];
  readonly pyproject?: boolean;
  readonly systemSitePackages?: boolean;
  readonly installerArgs?: readonly string[];
  readonly existing?: ExistingFolder;
  readonly useUv?: boolean;
}

export type CreateCommandResult =
  | (CreateOutcome & { readonly selectedVia?: SelectionTarget })
  | { readonly status: 'untrusted' }
  | { readonly status: 'dismissed' };

/** What the user chose, in either way of calling the command. */
interface CreateRequest {
  readonly folder: vscode.WorkspaceFolder;
  readonly python: string;
  readonly venvDir: string;
  readonly packages: readonly string[];
  readonly requirementFiles: readonly string[];
  readonly pyproject: boolean;
  readonly systemSitePackages: boolean;
  readonly installerArgs: readonly string[];
  readonly existing: ExistingFolder;
  readonly installer: Installer;
}

export function registerEnvironments(context: vscode.ExtensionContext, log: Log): void {
  const status = registerEnvironmentStatus(context, log);
  context.subscriptions.push(
    vscode.commands.registerCommand(CREATE_COMMAND, async (options?: CreateCommandOptions) => {
      const result = await reportingFailures(log, 'Creating the environment', () => createCommand(log, options));
      status.refresh();
      return result;
    }),
    vscode.commands.registerCommand(SELECT_COMMAND, async (options?: { python?: string; folder?: string }) => {
      const result = await reportingFailures(log, 'Selecting the environment', () => selectCommand(log, options));
      status.refresh();
      return result;
    }),
    vscode.commands.registerCommand(
      START_PROJECT_COMMAND,
      guarded(log, 'Starting the Django project', async (options?: { name?: string; app?: string; folder?: string }) => {
        await startProjectCommandHandler(log, options);
        status.refresh();
      }),
    ),
    vscode.commands.registerCommand(STATUS_MENU_COMMAND, guarded(log, 'Django environment menu', statusMenu)),
  );
}

/** Like `guarded`, but hands the handler's result back to programmatic callers (tests, other extensions). */
async function reportingFailures<T>(log: Log, what: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    reportError(log, `${what} failed: ${error instanceof Error ? error.message : String(error)}`, error);
    return undefined;
  }
}

// ---------------------------------------------------------------- Workspace Trust

/** Says why nothing runs in Restricted Mode and offers the trust editor; true when trusted. */
function requireTrust(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage(
      `${action} runs Python, and Django Kit runs no process in Restricted Mode. Trust this workspace to continue.`,
      'Manage Workspace Trust',
    )
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}

// ---------------------------------------------------------------- Create

async function createCommand(log: Log, options: CreateCommandOptions | undefined): Promise<CreateCommandResult> {
  if (!requireTrust('Creating an environment')) return { status: 'untrusted' };
  const request = isOptionsObject(options) ? requestFromOptions(options) : await askForRequest(log);
  if (!request) return { status: 'dismissed' };
  if ('failure' in request) {
    showFailure(log, request.failure);
    return { status: 'failed', failure: request.failure };
  }
  const outcome = await runCreate(request, log);
  if (outcome.status === 'cancelled') {
    log.info('Environment creation cancelled; what it had made was removed.');
    return outcome;
  }
  if (outcome.status === 'failed') {
    showFailure(log, outcome.failure);
    return outcome;
  }
  const selectedVia = await selectProjectPython(outcome.summary.python, request.folder);
  log.info(`Selected ${outcome.summary.python} for ${request.folder.name} (${selectedVia})`);
  void announceReady(outcome.summary, request.folder);
  return { ...outcome, selectedVia };
}

// executeCommand from a keybinding or menu passes a Uri or nothing; only a plain object is options.
function isOptionsObject<T extends object>(value: T | undefined): value is T {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri) && !Array.isArray(value);
}

function requestFromOptions(options: CreateCommandOptions): CreateRequest | { failure: Failure } {
  const folder = workspaceFolderAt(options.folder);
  // The core checks only the last part of the path; a name given here must not reach elsewhere.
  const problem = options.name === undefined ? undefined : checkFolderName(options.name, currentPlatform());
  if (problem) return { failure: { kind: 'bad-folder-name', message: problem, nextStep: 'Choose another folder name.' } };
  const python = options.python ?? configuredBasePython() ?? (currentPlatform() === 'win32' ? 'python' : 'python3');
  return {
    folder,
    python,
    venvDir: path.join(folder.uri.fsPath, options.name ?? 'venv'),
    packages: options.packages ?? presetPackages(options.simpleJwt === true),
    requirementFiles: (options.requirements ?? []).map((file) => path.resolve(folder.uri.fsPath, file)),
    pyproject: options.pyproject === true,
    systemSitePackages: options.systemSitePackages === true,
    installerArgs: options.installerArgs ?? [],
    existing: options.existing ?? 'fail',
    installer: chooseInstaller(options.useUv),
  };
}

function workspaceFolderAt(fsPath: string | undefined): vscode.WorkspaceFolder {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = fsPath ? folders.find((f) => f.uri.fsPath === fsPath) : folders[0];
  if (!folder) throw new Error(fsPath ? `${fsPath} is not a workspace folder` : 'Open a folder first');
  return folder;
}

function configuredBasePython(): string | undefined {
  return vscode.workspace.getConfiguration('djangoKit').get<string>('environment.basePython') || undefined;
}

/** uv when the user allows it (setting or option) and it can be found; pip otherwise. */
function chooseInstaller(useUv?: boolean): Installer {
  const config = vscode.workspace.getConfiguration('djangoKit');
  if (!(useUv ?? config.get<boolean>('environment.useUv'))) return { kind: 'pip' };
  const uv = config.get<string>('environment.uvPath') || findOnPath('uv', localDiscoveryHost());
  return uv ? { kind: 'uv', uv } : { kind: 'pip' };
}

async function askForRequest(log: Log): Promise<CreateRequest | undefined> {
  const folder = await pickWorkspaceFolder();
  if (!folder) return undefined;
  const python = configuredBasePython() ?? (await pickBasePython(log));
  if (!python) return undefined;
  const name = await pickFolderName(folder);
  if (!name) return undefined;
  const venvDir = path.join(folder.uri.fsPath, name);
  const existing = await pickExistingAction(venvDir);
  if (!existing) return undefined;
  const contents = await pickContents(folder);
  if (!contents) return undefined;
  return { folder, python, venvDir, existing, installerArgs: [], installer: chooseInstaller(), ...contents };
}

async function pickWorkspaceFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage('Open a folder first: the environment is created inside it.');
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Workspace folder for the new environment' });
}

interface InterpreterItem extends vscode.QuickPickItem {
  readonly python?: string;
}

/** Interpreters from the Python extension and from discovery, with their versions; or Browse. */
async function pickBasePython(log: Log): Promise<string | undefined> {
  const pick = vscode.window.createQuickPick<InterpreterItem>();
  pick.title = 'Create Environment: Python interpreter';
  pick.placeholder = 'Looking for interpreters…';
  pick.busy = true;
  const browse: InterpreterItem = { label: '$(folder-opened) Browse…', alwaysShow: true };
  pick.items = [browse];
  pick.show();
  void interpreterItems(log).then((items) => {
    pick.items = [...items, browse];
    pick.placeholder = items.length > 0 ? 'The interpreter that creates the environment' : 'No interpreter found: browse for one';
    pick.busy = false;
  });
  const chosen = await new Promise<InterpreterItem | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]));
    pick.onDidHide(() => resolve(undefined));
  });
  pick.dispose();
  if (!chosen) return undefined;
  return chosen === browse ? browseForPython() : chosen.python;
}

async function interpreterItems(log: Log): Promise<InterpreterItem[]> {
  const candidates: InterpreterCandidate[] = [...(await pythonExtensionCandidates()), ...(await findInterpreterCandidates())];
  const found = await describeInterpreters(uniqueByPath(candidates));
  const items: InterpreterItem[] = [];
  for (const { candidate, info, problem } of found) {
    if (!info) {
      log.debug(`Skipping ${candidate.path}: ${problem ?? 'no answer'}`);
      continue;
    }
    items.push({ label: `Python ${info.version}`, description: candidate.path, detail: interpreterDetail(candidate, info), python: candidate.path });
  }
  return items;
}

function interpreterDetail(candidate: InterpreterCandidate, info: InterpreterInfo): string {
  const source = { setting: 'setting', 'python-extension': 'Python extension', path: 'PATH', pyenv: 'pyenv', 'py-launcher': 'py launcher', browse: 'chosen' }[candidate.source];
  const notes = [source];
  if (!isSupportedPython(info.version)) notes.push('too old for Django (3.8 or newer needed)');
  if (info.isVenv) notes.push('a virtual environment');
  if (!info.hasVenvModule || !info.hasEnsurepip) notes.push('cannot create venvs with pip (venv/ensurepip missing)');
  return notes.join(' · ');
}

async function pythonExtensionCandidates(): Promise<InterpreterCandidate[]> {
  const api = await pythonExtension();
  if (!api) return [];
  return api.environments.known
    .map((env) => env.executable.uri?.fsPath)
    .filter((file): file is string => file !== undefined)
    .map((file) => ({ path: file, source: 'python-extension' as const }));
}

function uniqueByPath(candidates: readonly InterpreterCandidate[]): InterpreterCandidate[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    if (seen.has(candidate.path)) return false;
    seen.add(candidate.path);
    return true;
  });
}

async function browseForPython(): Promise<string | undefined> {
  const chosen = await vscode.window.showOpenDialog({
    title: 'Python interpreter',
    canSelectMany: false,
    openLabel: 'Use this interpreter',
    filters: currentPlatform() === 'win32' ? { Python: ['exe'] } : undefined,
  });
  return chosen?.[0]?.fsPath;
}

async function pickFolderName(folder: vscode.WorkspaceFolder): Promise<string | undefined> {
  const other = 'Another name…';
  const exists = (name: string) => (existsSync(path.join(folder.uri.fsPath, name)) ? ' (exists: reuse or recreate)' : '');
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'venv', description: `the usual name${exists('venv')}` },
      { label: '.venv', description: `hidden; the Python extension finds it too${exists('.venv')}` },
      { label: other },
    ],
    { title: `Create Environment: folder in ${folder.name}`, placeHolder: 'Name of the environment folder' },
  );
  if (!choice) return undefined;
  if (choice.label !== other) return choice.label;
  return vscode.window.showInputBox({
    title: 'Create Environment: folder name',
    prompt: `A new folder inside ${folder.name}`,
    validateInput: (value) => checkFolderName(value, currentPlatform()),
  });
}

/** Reuse, recreate or cancel when the folder already holds an environment. */
async function pickExistingAction(venvDir: string): Promise<ExistingFolder | undefined> {
  if (!existsSync(venvDir)) return 'fail';
  if (!existsSync(path.join(venvDir, 'pyvenv.cfg'))) {
    // The core refuses too; saying so here avoids asking about packages first.
    if (readdirSync(venvDir).length === 0) return 'fail';
    void vscode.window.showErrorMessage(`${venvDir} already exists and is not a Python environment. Choose another name.`);
    return undefined;
  }
  const items = [
    { label: 'Reuse it', description: 'install into the existing environment', value: 'reuse' as const },
    { label: 'Recreate it', description: 'replace it; it comes back if the new one fails', value: 'recreate' as const },
  ];
  const choice = await vscode.window.showQuickPick(items, { title: `${path.basename(venvDir)} already exists`, placeHolder: 'Reuse, recreate, or Escape to cancel' });
  return choice?.value;
}

interface Contents {
  readonly packages: readonly string[];
  readonly requirementFiles: readonly string[];
  readonly pyproject: boolean;
  readonly systemSitePackages: boolean;
}

interface ContentItem extends vscode.QuickPickItem {
  readonly apply: (contents: Contents) => Contents;
}

async function pickContents(folder: vscode.WorkspaceFolder): Promise<Contents | undefined> {
  const root = folder.uri.fsPath;
  const items: ContentItem[] = [
    { label: 'Django + Django REST Framework', picked: true, apply: (c) => ({ ...c, packages: [...c.packages, ...presetPackages(false)] }) },
    { label: 'Simple JWT', description: 'djangorestframework-simplejwt', apply: (c) => ({ ...c, packages: [...c.packages, 'djangorestframework-simplejwt'] }) },
    ...findRequirementFiles(root, (dir) => readdirSync(dir)).map(
      (file): ContentItem => ({ label: file, description: 'requirements file', picked: true, apply: (c) => ({ ...c, requirementFiles: [...c.requirementFiles, path.join(root, file)] }) }),
    ),
  ];
  if (existsSync(path.join(root, 'pyproject.toml'))) {
    items.push({ label: 'pyproject.toml dependencies', description: '[project] dependencies', picked: true, apply: (c) => ({ ...c, pyproject: true }) });
  }
  items.push({ label: 'Use system site packages', description: 'see packages installed for the base interpreter', apply: (c) => ({ ...c, systemSitePackages: true }) });
  const chosen = await vscode.window.showQuickPick(items, { title: 'Create Environment: what to install', canPickMany: true });
  if (!chosen) return undefined;
  const empty: Contents = { packages: [], requirementFiles: [], pyproject: false, systemSitePackages: false };
  return chosen.reduce((contents, item) => item.apply(contents), empty);
}

/** Runs the creation under a cancellable progress notification, logging every step and line. */
async function runCreate(request: CreateRequest, log: Log): Promise<CreateOutcome> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Creating ${path.basename(request.venvDir)}`, cancellable: true },
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

function showFailure(log: Log, failure: Failure): void {
  log.error(`${failure.message} ${failure.nextStep}`);
  if (failure.detail) log.error(failure.detail);
  const text = failure.detail ? `${failure.message} ${failure.nextStep}\n${brief(failure.detail)}` : `${failure.message} ${failure.nextStep}`;
  void vscode.window.showErrorMessage(text, 'Show Log').then((choice) => {
    if (choice) void vscode.commands.executeCommand(SHOW_LOG_COMMAND);
  });
}

/** The tool's last two lines, each cut short: a notification is no place for a traceback (the log has it all). */
function brief(detail: string): string {
  return lastLines(detail, 2)
    .split('\n')
    .map((line) => (line.length > 160 ? `${line.slice(0, 159)}…` : line))
    .join('\n');
}

async function announceReady(summary: { pythonVersion: string; djangoVersion: string | null; drfVersion: string | null }, folder: vscode.WorkspaceFolder): Promise<void> {
  const parts = [`Python ${summary.pythonVersion}`];
  if (summary.djangoVersion) parts.push(`Django ${summary.djangoVersion}`);
  if (summary.drfVersion) parts.push(`DRF ${summary.drfVersion}`);
  const message = `Environment ready: ${parts.join(', ')}`;
  const hasProject = (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/manage.py'), '**/node_modules/**', 1)).length > 0;
  if (hasProject || !summary.djangoVersion) {
    void vscode.window.showInformationMessage(message);
    return;
  }
  const start = 'Start a Django project here';
  if ((await vscode.window.showInformationMessage(message, start)) === start) {
    await vscode.commands.executeCommand(START_PROJECT_COMMAND, { folder: folder.uri.fsPath });
  }
}

// ---------------------------------------------------------------- Select

async function selectCommand(log: Log, options?: { python?: string; folder?: string }): Promise<SelectionTarget | undefined> {
  const programmatic = isOptionsObject(options) && options.python !== undefined;
  const folder = programmatic ? workspaceFolderAt(options.folder) : await pickWorkspaceFolder();
  if (!folder) return undefined;
  let python = programmatic ? options.python : undefined;
  if (!python) {
    if (!requireTrust('Listing interpreters')) return undefined;
    python = await pickProjectPython(folder, log);
  }
  if (!python) return undefined;
  const target = await selectProjectPython(python, folder);
  log.info(`Selected ${python} for ${folder.name} (${target})`);
  return target;
}

/** Environment folders of the workspace first, then every interpreter found; or Browse. */
async function pickProjectPython(folder: vscode.WorkspaceFolder, log: Log): Promise<string | undefined> {
  const local: InterpreterItem[] = workspaceVenvs(folder).map((python) => ({
    label: `$(folder) ${path.relative(folder.uri.fsPath, path.dirname(path.dirname(python)))}`,
    description: python,
    python,
  }));
  const pick = vscode.window.createQuickPick<InterpreterItem>();
  const browse: InterpreterItem = { label: '$(folder-opened) Browse…', alwaysShow: true };
  pick.title = `Select the environment of ${folder.name}`;
  pick.items = [...local, browse];
  pick.busy = true;
  pick.show();
  void interpreterItems(log).then((items) => {
    pick.items = [...local, ...items, browse];
    pick.busy = false;
  });
  const chosen = await new Promise<InterpreterItem | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]));
    pick.onDidHide(() => resolve(undefined));
  });
  pick.dispose();
  if (!chosen) return undefined;
  return chosen === browse ? browseForPython() : chosen.python;
}

function workspaceVenvs(folder: vscode.WorkspaceFolder): string[] {
  return VENV_FOLDER_NAMES.map((name) => venvPython(path.join(folder.uri.fsPath, name))).filter((python) => existsSync(python));
}

// ---------------------------------------------------------------- Start a project

async function startProjectCommandHandler(log: Log, options?: { name?: string; app?: string; folder?: string }): Promise<void> {
  if (!requireTrust('Starting a Django project')) return;
  const given = isOptionsObject(options) ? options : {};
  const folder = given.folder ? workspaceFolderAt(given.folder) : await pickWorkspaceFolder();
  if (!folder) return;
  if (existsSync(path.join(folder.uri.fsPath, 'manage.py'))) {
    void vscode.window.showInformationMessage(`${folder.name} already has a manage.py.`);
    return;
  }
  const python = await projectPython(folder.uri);
  if (!python) {
    const create = 'Create Environment';
    void vscode.window.showWarningMessage('No environment with Django yet: create one first.', create).then((choice) => {
      if (choice) void vscode.commands.executeCommand(CREATE_COMMAND);
    });
    return;
  }
  const name = given.name ?? (await askIdentifier('Project name', 'mysite'));
  if (!name) return;
  if (!(await runDjangoAdmin(startProjectCommand(python, name), folder, log))) return;
  const app = given.name ? given.app : await askIdentifier('App name (Escape to skip)', 'core');
  if (app && !(await runDjangoAdmin(startAppCommand(python, app), folder, log))) return;
  void vscode.window.showInformationMessage(app ? `Created the project ${name} with the app ${app}.` : `Created the project ${name}.`);
}

function askIdentifier(prompt: string, placeHolder: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    prompt,
    placeHolder,
    // Django checks the name itself (keywords, clashes with modules); this catches typos early.
    validateInput: (value) => (/^[\p{L}_][\p{L}\p{N}_]*$/u.test(value) ? undefined : 'Use letters, digits and underscores, not starting with a digit.'),
  });
}

/** Runs `python -m django …` in the workspace folder; on failure shows Django's own last line. */
async function runDjangoAdmin(line: CommandLine, folder: vscode.WorkspaceFolder, log: Log): Promise<boolean> {
  log.info(`$ ${[line.command, ...line.args].join(' ')}`);
  const result = await runProcess({ ...line, cwd: folder.uri.fsPath, onLine: (text) => log.info(`  ${text}`) });
  if (result.code === 0) return true;
  const reason = lastLines(result.stderr || result.stdout, 1) || `exit code ${result.code}`;
  log.error(reason);
  void vscode.window.showErrorMessage(`django-admin ${line.args[2]} failed: ${reason}`, 'Show Log').then((choice) => {
    if (choice) void vscode.commands.executeCommand(SHOW_LOG_COMMAND);
  });
  return false;
}

// ---------------------------------------------------------------- Status bar

async function statusMenu(): Promise<void> {
  const items = [
    { label: '$(check) Select Environment', command: SELECT_COMMAND },
    { label: '$(add) Create Environment', command: CREATE_COMMAND },
  ];
  const choice = await vscode.window.showQuickPick(items, { placeHolder: 'Django environment' });
  if (choice) await vscode.commands.executeCommand(choice.command);
}

/**
 * The status bar item naming the active Django environment. It shows only in a workspace with a
 * manage.py, and probes the interpreter (a process) only in a trusted workspace.
 */
function registerEnvironmentStatus(context: vscode.ExtensionContext, log: Log): { refresh: () => void } {
  const item = vscode.window.createStatusBarItem('djangoKit.environment', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Django Environment';
  item.command = STATUS_MENU_COMMAND;
  let generation = 0;
  const refresh = () => {
    const mine = ++generation;
    void describeActiveEnvironment()
      .then((view) => {
        if (mine !== generation) return;
        if (!view) {
          item.hide();
          return;
        }
        item.text = view.text;
        item.tooltip = view.tooltip;
        item.show();
      })
      .catch((error: unknown) => log.warn(`Could not describe the Django environment: ${String(error)}`));
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/{manage.py,pyvenv.cfg}', false, true, false);
  context.subscriptions.push(
    item,
    watcher,
    watcher.onDidCreate(refresh),
    watcher.onDidDelete(refresh),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('djangoKit.environment') || event.affectsConfiguration('python.defaultInterpreterPath')) refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(refresh),
  );
  void pythonExtension().then((api) => {
    if (api) context.subscriptions.push(api.environments.onDidChangeActiveEnvironmentPath(refresh));
  });
  refresh();
  return { refresh };
}

async function describeActiveEnvironment(): Promise<{ text: string; tooltip: string } | undefined> {
  const [managePy] = await vscode.workspace.findFiles('**/manage.py', '**/{node_modules,venv,.venv}/**', 1);
  if (!managePy) return undefined;
  const python = await projectPython(vscode.Uri.file(path.dirname(managePy.fsPath)));
  if (!python) return { text: '$(warning) No Django environment', tooltip: 'Select or create the environment that runs manage.py' };
  if (!vscode.workspace.isTrusted) return { text: '$(shield) Django', tooltip: `${python}\nRestricted Mode: versions are read by running Python.` };
  try {
    const info = await probeInterpreter(python, {});
    const py = shortVersion(info.version);
    const text = info.django ? `$(server-environment) Django ${shortVersion(info.django)} · Python ${py}` : `$(warning) Python ${py}, no Django`;
    return { text, tooltip: `${python}\nClick to select or create an environment` };
  } catch {
    return { text: '$(error) Django environment missing', tooltip: `${python} cannot be run. Click to select or create an environment.` };
  }
}

function shortVersion(version: string): string {
  const parsed = majorMinor(version);
  return parsed ? parsed.join('.') : version;
}
