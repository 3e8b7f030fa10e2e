import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import vscode = require('vscode');
import { l10n } from 'vscode';
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
    title: l10n.t('Create Environment: Python interpreter'),
    placeholder: {
      looking: l10n.t('Looking for interpreters…'),
      after: (found) => (found ? l10n.t('The interpreter that creates the environment') : l10n.t('No interpreter found: browse for one')),
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
  return pickInterpreter(log, { purpose: 'run', title: l10n.t('Select the environment of {0}', folder.name), first: local });
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
  const browse: InterpreterItem = { label: l10n.t('$(folder-opened) Browse…'), alwaysShow: true };
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
    title: l10n.t('Python interpreter'),
    canSelectMany: false,
    openLabel: l10n.t('Use this interpreter'),
    filters: currentPlatform() === 'win32' ? { Python: ['exe'] } : undefined,
  });
  return chosen?.[0]?.fsPath;
}

function workspaceVenvs(folder: vscode.WorkspaceFolder): string[] {
  return VENV_FOLDER_NAMES.map((name) => venvPython(path.join(folder.uri.fsPath, name))).filter((python) => existsSync(python));
}

/** `venv`, `.venv` or a typed name, each saying whether it exists already. */
export async function pickFolderName(folder: vscode.WorkspaceFolder): Promise<string | undefined> {
  const other = l10n.t('Another name…');
  const exists = (name: string) => existsSync(path.join(folder.uri.fsPath, name));
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'venv', description: exists('venv') ? l10n.t('the usual name (exists: reuse or recreate)') : l10n.t('the usual name') },
      {
        label: '.venv',
        description: exists('.venv') ? l10n.t('hidden; the Python extension finds it too (exists: reuse or recreate)') : l10n.t('hidden; the Python extension finds it too'),
      },
      { label: other },
    ],
    { title: l10n.t('Create Environment: folder in {0}', folder.name), placeHolder: l10n.t('Name of the environment folder') },
  );
  if (!choice) return undefined;
  if (choice.label !== other) return choice.label;
  return vscode.window.showInputBox({
    title: l10n.t('Create Environment: folder name'),
    prompt: l10n.t('A new folder inside {0}', folder.name),
    validateInput: (value) => checkFolderName(value, currentPlatform()),
  });
}

/** Reuse, recreate or cancel when the folder already holds an environment. */
export async function pickExistingAction(venvDir: string): Promise<ExistingFolder | undefined> {
  if (!existsSync(venvDir)) return 'fail';
  if (!existsSync(path.join(venvDir, 'pyvenv.cfg'))) {
    // The core refuses too; saying so here avoids asking about packages first.
    if (readdirSync(venvDir).length === 0) return 'fail';
    void vscode.window.showErrorMessage(l10n.t('{0} already exists and is not a Python environment. Choose another name.', venvDir));
    return undefined;
  }
  const items = [
    { label: l10n.t('Reuse it'), description: l10n.t('install into the existing environment'), value: 'reuse' as const },
    { label: l10n.t('Recreate it'), description: l10n.t('replace it; it comes back if the new one fails'), value: 'recreate' as const },
  ];
  const choice = await vscode.window.showQuickPick(items, {
    title: l10n.t('{0} already exists', path.basename(venvDir)),
    placeHolder: l10n.t('Reuse, recreate, or Escape to cancel'),
  });
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
  const chosen = await vscode.window.showQuickPick(contentItems(folder, used), { title: l10n.t('Create Environment: what to install'), canPickMany: true });
  return chosen && contentsOf(chosen.map((item) => item.choice), folder.uri.fsPath);
}

export function contentItems(folder: vscode.WorkspaceFolder, used: ReadonlySet<string>): ContentItem[] {
  const root = folder.uri.fsPath;
  const usesJwt = used.has('djangorestframework-simplejwt');
  const items: ContentItem[] = [
    { label: l10n.t({ message: 'Django + Django REST Framework', comment: ['Package names; usually kept as they are.'] }), picked: true, choice: { kind: 'preset' } },
    {
      label: l10n.t({ message: 'Simple JWT', comment: ['Package name; usually kept as it is.'] }),
      description: usesJwt ? l10n.t('{0} · the project uses it', 'djangorestframework-simplejwt') : 'djangorestframework-simplejwt',
      picked: usesJwt,
      choice: { kind: 'simple-jwt' },
    },
    ...findRequirementFiles(root, (dir) => readdirSync(dir)).map(
      (file): ContentItem => ({ label: file, description: l10n.t('requirements file'), picked: true, choice: { kind: 'requirements', file } }),
    ),
  ];
  if (existsSync(path.join(root, 'pyproject.toml'))) {
    items.push({ label: l10n.t('{0} dependencies', 'pyproject.toml'), description: l10n.t('{0} dependencies', '[project]'), picked: true, choice: { kind: 'pyproject' } });
  }
  items.push({
    label: l10n.t('Use system site packages'),
    description: l10n.t('see packages installed for the base interpreter'),
    choice: { kind: 'system-site-packages' },
  });
  return items;
}
