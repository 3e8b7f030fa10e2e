import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import vscode = require('vscode');
import { checkFolderName } from '../../core/python/commands';
import { type ExistingFolder } from '../../core/python/create';
import { type ContentChoice, type Contents, contentsOf } from '../../core/python/createRequest';
import { type InterpreterCandidate } from '../../core/python/discovery';
import { interpreterChoices, type InterpreterPurpose, uniqueByPath } from '../../core/python/interpreterChoices';
import { describeInterpreters, findInterpreterCandidates } from '../../core/python/interpreters';
import { findRequirementFiles } from '../../core/python/requirements';
import { currentPlatform, VENV_FOLDER_NAMES, venvPython } from '../../core/python/venv';
import { pythonExtension } from '../../services/interpreter';
import { type Log } from '../../services/log';

export interface InterpreterItem extends vscode.QuickPickItem {
  readonly python?: string;
}

/** Interpreters from the Python extension and from discovery, with their versions; or Browse. */
export function pickBasePython(log: Log): Promise<string | undefined> {
  return pickInterpreter(log, {
    purpose: 'create',
    title: 'Create Environment: Python interpreter',
    placeholder: {
      looking: 'Looking for interpreters…',
      after: (found) => (found ? 'The interpreter that creates the environment' : 'No interpreter found: browse for one'),
    },
  });
}

/** Environment folders of the workspace first, then every interpreter found; or Browse. */
export function pickProjectPython(folder: vscode.WorkspaceFolder, log: Log): Promise<string | undefined> {
  const local: InterpreterItem[] = workspaceVenvs(folder).map((python) => ({
    label: `$(folder) ${path.relative(folder.uri.fsPath, path.dirname(path.dirname(python)))}`,
    description: python,
    python,
  }));
  return pickInterpreter(log, { purpose: 'run', title: `Select the environment of ${folder.name}`, first: local });
}

interface InterpreterPickOptions {
  readonly purpose: InterpreterPurpose;
  readonly title: string;
  /** Offered at once, before discovery, which runs every candidate, has answered. */
  readonly first?: readonly InterpreterItem[];
  readonly placeholder?: { readonly looking: string; readonly after: (found: boolean) => string };
}

/** A picker that opens at once with Browse… and fills in the interpreters as discovery finds them. */
async function pickInterpreter(log: Log, options: InterpreterPickOptions): Promise<string | undefined> {
  const first = options.first ?? [];
  const browse: InterpreterItem = { label: '$(folder-opened) Browse…', alwaysShow: true };
  const pick = vscode.window.createQuickPick<InterpreterItem>();
  pick.title = options.title;
  pick.placeholder = options.placeholder?.looking;
  pick.items = [...first, browse];
  pick.busy = true;
  pick.show();
  void interpreterItems(log, options.purpose).then((items) => {
    pick.items = [...first, ...items, browse];
    pick.placeholder = options.placeholder?.after(items.length > 0);
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

/** Every interpreter found, best first for `purpose`, each with the Django packages it has. */
export async function interpreterItems(log: Log, purpose: InterpreterPurpose): Promise<InterpreterItem[]> {
  const candidates: InterpreterCandidate[] = [...(await pythonExtensionCandidates()), ...(await findInterpreterCandidates())];
  const { choices, skipped } = interpreterChoices(await describeInterpreters(uniqueByPath(candidates)), purpose);
  for (const { path: python, reason } of skipped) log.debug(`Skipping ${python}: ${reason}`);
  return choices;
}

async function pythonExtensionCandidates(): Promise<InterpreterCandidate[]> {
  const api = await pythonExtension();
  if (!api) return [];
  return api.environments.known
    .map((env) => env.executable.uri?.fsPath)
    .filter((file): file is string => file !== undefined)
    .map((file) => ({ path: file, source: 'python-extension' as const }));
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

function workspaceVenvs(folder: vscode.WorkspaceFolder): string[] {
  return VENV_FOLDER_NAMES.map((name) => venvPython(path.join(folder.uri.fsPath, name))).filter((python) => existsSync(python));
}

/** `venv`, `.venv` or a typed name, each saying whether it exists already. */
export async function pickFolderName(folder: vscode.WorkspaceFolder): Promise<string | undefined> {
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
export async function pickExistingAction(venvDir: string): Promise<ExistingFolder | undefined> {
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

export interface ContentItem extends vscode.QuickPickItem {
  readonly choice: ContentChoice;
}

/**
 * The preset, Simple JWT, the folder's requirement files and pyproject.toml, and site packages;
 * Simple JWT comes pre-selected when the project's source already uses it.
 */
export async function pickContents(folder: vscode.WorkspaceFolder, used: ReadonlySet<string>): Promise<Contents | undefined> {
  const chosen = await vscode.window.showQuickPick(contentItems(folder, used), { title: 'Create Environment: what to install', canPickMany: true });
  return chosen && contentsOf(chosen.map((item) => item.choice), folder.uri.fsPath);
}

export function contentItems(folder: vscode.WorkspaceFolder, used: ReadonlySet<string>): ContentItem[] {
  const root = folder.uri.fsPath;
  const usesJwt = used.has('djangorestframework-simplejwt');
  const items: ContentItem[] = [
    { label: 'Django + Django REST Framework', picked: true, choice: { kind: 'preset' } },
    {
      label: 'Simple JWT',
      description: usesJwt ? 'djangorestframework-simplejwt · the project uses it' : 'djangorestframework-simplejwt',
      picked: usesJwt,
      choice: { kind: 'simple-jwt' },
    },
    ...findRequirementFiles(root, (dir) => readdirSync(dir)).map(
      (file): ContentItem => ({ label: file, description: 'requirements file', picked: true, choice: { kind: 'requirements', file } }),
    ),
  ];
  if (existsSync(path.join(root, 'pyproject.toml'))) {
    items.push({ label: 'pyproject.toml dependencies', description: '[project] dependencies', picked: true, choice: { kind: 'pyproject' } });
  }
  items.push({ label: 'Use system site packages', description: 'see packages installed for the base interpreter', choice: { kind: 'system-site-packages' } });
  return items;
}
