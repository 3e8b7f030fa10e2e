import * as vscode from 'vscode';
import { IntrospectError, introspectModels } from '../core/models/introspect';
import { readModels } from '../core/models/read';
import type { DjangoModel, ModelsReading, SourceFile } from '../core/models/types';
import { type Generation, type ViewStyle, generate } from '../core/serializers/generate';
import { type Insertion, MergeError, mergeModule, topLevelClassNames } from '../core/serializers/merge';
import { type GeneratedModule, renderModule } from '../core/serializers/python';
import { projectPython } from './interpreter';
import { type Log, reportError } from './log';

const COMMAND = 'djangoKit.serializers.generate';
const INTROSPECT_TIMEOUT_MS = 30_000;
const PREVIEW_SCHEME = 'django-kit-preview';
const MODELS_FILES: vscode.DocumentSelector = [
  { language: 'python', pattern: '**/models.py' },
  { language: 'python', pattern: '**/models/*.py' },
];

/**
 * What the command can be given instead of asking: the CodeLens passes `models`; tests and other
 * extensions pass everything, with `apply: true` to skip the confirmation.
 */
export interface GenerateRequest {
  readonly models?: readonly string[];
  readonly many?: boolean;
  readonly partial?: boolean;
  readonly views?: ViewStyle | 'none';
  readonly urls?: boolean;
  readonly nested?: boolean;
  readonly apply?: boolean;
  /** False keeps to the static reading even where Django could be asked. */
  readonly introspect?: boolean;
}

export interface GenerateResult {
  readonly applied: boolean;
  /** The files the edit created or changed. */
  readonly files: readonly vscode.Uri[];
  /** The read-only documents the preview showed. */
  readonly previews: readonly vscode.Uri[];
  /** Whether the fields came from Django itself or from reading the source. */
  readonly source: ReadingSource;
}

type ReadingSource = 'django' | 'static';

export function registerSerializers(context: vscode.ExtensionContext, log: Log): void {
  const previews = new PreviewDocuments();
  context.subscriptions.push(
    previews,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.commands.registerCommand(COMMAND, async (target?: unknown, request?: unknown) => {
      try {
        return await generateSerializers(log, previews, asUri(target), asRequest(request));
      } catch (error) {
        reportError(log, `Generate Serializers failed: ${error instanceof Error ? error.message : String(error)}`, error);
        return undefined;
      }
    }),
    vscode.languages.registerCodeLensProvider(MODELS_FILES, new ModelCodeLenses()),
  );
}

function asUri(value: unknown): vscode.Uri | undefined {
  return value instanceof vscode.Uri ? value : undefined;
}

/** The explorer passes the selected resources as the second argument: that is not a request. */
function asRequest(value: unknown): GenerateRequest {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as GenerateRequest) : {};
}

/** One file of the app as it will be: its text now (if it exists) and what gets added. */
interface PlannedFile {
  readonly uri: vscode.Uri;
  readonly document?: vscode.TextDocument;
  readonly version?: number;
  readonly insertions: readonly Insertion[];
  readonly proposed: string;
}

async function generateSerializers(
  log: Log,
  previews: PreviewDocuments,
  target: vscode.Uri | undefined,
  request: GenerateRequest,
): Promise<GenerateResult | undefined> {
  const modelsUri = target ?? (await pickModelsFile());
  if (!modelsUri) return undefined;
  const app = await readApp(modelsUri);
  const { reading, source } = await readAppModels(log, app, request);
  const concrete = reading.models.filter((m) => !m.abstract);
  if (concrete.length === 0) {
    const detail = reading.warnings.length > 0 ? ` (${reading.warnings[0]})` : '';
    void vscode.window.showWarningMessage(`No Django model could be read from ${vscode.workspace.asRelativePath(modelsUri)}${detail}.`);
    return undefined;
  }
  const choices = await chooseOptions(concrete, request);
  if (!choices) return undefined;
  const existingSerializers = await serializerClassesIn(vscode.Uri.joinPath(app.dir, 'serializers.py'));
  const generation = generate(reading, { ...choices, existingSerializers });
  for (const warning of generation.warnings) log.warn(warning);
  const planned = await planFiles(app.dir, generation);
  if (!planned) return undefined;
  const changed = planned.filter((file) => file.insertions.length > 0);
  if (changed.length === 0) {
    void vscode.window.showInformationMessage('The app already has every serializer, view and url asked for.');
    return { applied: false, files: [], previews: [], source };
  }
  const shown = await showPreview(previews, changed);
  const accepted = request.apply || (await confirm(changed));
  // Once decided, the diffs would only show stale proposals.
  await closePreviews(shown);
  const applied = accepted && (await applyPlan(log, changed));
  return { applied, files: applied ? changed.map((f) => f.uri) : [], previews: shown, source };
}

interface AppSources {
  readonly dir: vscode.Uri;
  readonly files: SourceFile[];
}

/**
 * Django's own description of the models when it can be had (a trusted workspace, a local
 * project with manage.py and a known interpreter), since it sees third-party fields and bases
 * from other apps; otherwise, or when Django fails, what the source says.
 */
async function readAppModels(log: Log, app: AppSources, request: GenerateRequest): Promise<{ reading: ModelsReading; source: ReadingSource }> {
  const statics = readModels(app.files);
  const django = request.introspect === false ? undefined : await askDjango(log, app.dir);
  if (django && django.models.length > 0) {
    log.info(`Fields of ${django.models.length} model(s) read from Django (Model._meta)`);
    return { reading: django, source: 'django' };
  }
  for (const warning of statics.warnings) log.warn(warning);
  return { reading: statics, source: 'static' };
}

async function askDjango(log: Log, appDir: vscode.Uri): Promise<ModelsReading | undefined> {
  if (!vscode.workspace.isTrusted || appDir.scheme !== 'file') return undefined;
  const manageFile = await findManageFile(appDir);
  const python = manageFile && (await projectPython(vscode.Uri.joinPath(manageFile, '..')));
  if (!manageFile || !python) {
    log.debug('No manage.py or project interpreter: reading the models from the source');
    return undefined;
  }
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Asking Django for the models…', cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      const timer = setTimeout(() => controller.abort(), INTROSPECT_TIMEOUT_MS);
      try {
        return await introspectModels({ python, manageFile: manageFile.fsPath, appDir: appDir.fsPath, signal: controller.signal });
      } catch (error) {
        if (!(error instanceof IntrospectError)) throw error;
        log.warn(`Django could not describe the models (${error.message}); reading them from the source instead`);
        return undefined;
      } finally {
        clearTimeout(timer);
        cancel.dispose();
      }
    },
  );
}

/** The nearest manage.py at or above the app folder, within its workspace folder. */
async function findManageFile(appDir: vscode.Uri): Promise<vscode.Uri | undefined> {
  const root = vscode.workspace.getWorkspaceFolder(appDir)?.uri.path;
  for (let dir = appDir; root !== undefined && dir.path.startsWith(root); dir = vscode.Uri.joinPath(dir, '..')) {
    const candidate = vscode.Uri.joinPath(dir, 'manage.py');
    if (await exists(candidate)) return candidate;
    if (dir.path === root) break;
  }
  return undefined;
}

async function pickModelsFile(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active && isModelsFile(active)) return active;
  const found = await vscode.workspace.findFiles('**/models.py', '{**/node_modules/**,**/.venv/**,**/venv/**,**/site-packages/**}');
  if (found.length <= 1) return found[0];
  const picked = await vscode.window.showQuickPick(
    found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Generate Serializers', placeHolder: 'Models of which app?' },
  );
  return picked?.uri;
}

function isModelsFile(uri: vscode.Uri): boolean {
  const parts = uri.path.split('/');
  return parts.at(-1) === 'models.py' || (parts.at(-2) === 'models' && uri.path.endsWith('.py'));
}

/** The app folder and its model sources, taken from open editors when they have unsaved changes. */
async function readApp(modelsUri: vscode.Uri): Promise<AppSources> {
  const stat = await vscode.workspace.fs.stat(modelsUri);
  const isPackageDir = stat.type & vscode.FileType.Directory;
  const inPackage = isPackageDir || vscode.Uri.joinPath(modelsUri, '..').path.endsWith('/models');
  const packageDir = isPackageDir ? modelsUri : vscode.Uri.joinPath(modelsUri, '..');
  const dir = inPackage ? vscode.Uri.joinPath(packageDir, '..') : vscode.Uri.joinPath(modelsUri, '..');
  const uris = inPackage ? await packageModules(packageDir) : [modelsUri];
  const files = await Promise.all(
    uris.map(async (uri) => ({ path: vscode.workspace.asRelativePath(uri), text: (await vscode.workspace.openTextDocument(uri)).getText() })),
  );
  return { dir, files };
}

async function packageModules(dir: vscode.Uri): Promise<vscode.Uri[]> {
  const entries = await vscode.workspace.fs.readDirectory(dir);
  const names = entries
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.py'))
    .map(([name]) => name)
    .sort((a, b) => (a === '__init__.py' ? -1 : b === '__init__.py' ? 1 : a.localeCompare(b)));
  return names.map((name) => vscode.Uri.joinPath(dir, name));
}

interface Choices {
  readonly models: readonly string[];
  readonly many: boolean;
  readonly partial: boolean;
  readonly views?: ViewStyle;
  readonly urls: boolean;
  readonly nested: boolean;
}

/**
 * Fills in what the request does not say by asking, one short question at a time; a request with
 * `apply: true` is never asked anything and takes the same defaults the questions offer.
 */
async function chooseOptions(models: readonly DjangoModel[], request: GenerateRequest): Promise<Choices | undefined> {
  const ask = !request.apply;
  const names = request.models ?? (ask ? await pickModels(models) : models.map((m) => m.name));
  if (!names || names.length === 0) return undefined;
  const views = request.views ?? (ask ? await pickViews() : 'none');
  if (views === undefined) return undefined;
  const style = views === 'none' ? undefined : views;
  const given = [request.many, request.partial, request.urls, request.nested].some((value) => value !== undefined);
  const toggles =
    given || !ask
      ? { many: request.many ?? true, partial: request.partial ?? true, urls: request.urls ?? false, nested: request.nested ?? false }
      : await pickToggles(style !== undefined);
  return toggles && { models: names, views: style, ...toggles, urls: toggles.urls && style !== undefined };
}

async function pickModels(models: readonly DjangoModel[]): Promise<string[] | undefined> {
  if (models.length === 1) return [models[0].name];
  const picked = await vscode.window.showQuickPick(
    models.map((m) => ({ label: m.name, description: m.proxy ? 'proxy' : m.parent ? `child of ${m.parent}` : undefined, picked: true })),
    { title: 'Generate Serializers: models', canPickMany: true },
  );
  return picked?.map((item) => item.label);
}

async function pickViews(): Promise<ViewStyle | 'none' | undefined> {
  const items: (vscode.QuickPickItem & { value: ViewStyle | 'none' })[] = [
    { label: 'Serializers only', value: 'none' },
    { label: 'Serializers and APIView views', description: 'a list and a detail view per model', value: 'apiview' },
    { label: 'Serializers and ViewSets', description: 'one ViewSet per model, for a router', value: 'viewset' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Generate Serializers: views' });
  return picked?.value;
}

async function pickToggles(withViews: boolean): Promise<Omit<Choices, 'models' | 'views'> | undefined> {
  type Key = 'many' | 'partial' | 'urls' | 'nested';
  const items: (vscode.QuickPickItem & { key: Key })[] = [
    ...(withViews
      ? [
          { key: 'many' as const, label: 'List action', description: 'serializes the queryset with many=True', picked: true },
          { key: 'partial' as const, label: 'PATCH action', description: 'validates with partial=True', picked: true },
          { key: 'urls' as const, label: 'urls.py entries', picked: true },
        ]
      : []),
    { key: 'nested', label: 'Nested relations', description: "related objects through their serializer, written by key", picked: false },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Generate Serializers: options', canPickMany: true });
  if (!picked) return undefined;
  const has = (key: Key) => picked.some((item) => item.key === key);
  return { many: has('many'), partial: has('partial'), urls: has('urls'), nested: has('nested') };
}

/** Names of the classes serializers.py already defines, so nesting can use them. */
async function serializerClassesIn(uri: vscode.Uri): Promise<Set<string>> {
  const document = await openIfExists(uri);
  return document ? topLevelClassNames(document.getText()) : new Set();
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function openIfExists(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  return (await exists(uri)) ? vscode.workspace.openTextDocument(uri) : undefined;
}

async function planFiles(appDir: vscode.Uri, generation: Generation): Promise<PlannedFile[] | undefined> {
  const planned: PlannedFile[] = [];
  for (const module of generation.files) {
    const uri = vscode.Uri.joinPath(appDir, module.fileName);
    const document = await openIfExists(uri);
    if (!document) {
      const text = renderModule(module);
      planned.push({ uri, insertions: [{ offset: 0, text }], proposed: text });
      continue;
    }
    const merge = mergeInto(document, module);
    if (!merge) return undefined;
    planned.push({ uri, document, version: document.version, insertions: merge.insertions, proposed: merge.text });
  }
  return planned;
}

function mergeInto(document: vscode.TextDocument, module: GeneratedModule): ReturnType<typeof mergeModule> | undefined {
  try {
    return mergeModule(document.getText(), module);
  } catch (error) {
    if (!(error instanceof MergeError)) throw error;
    void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(document.uri)}: ${error.message}`);
    return undefined;
  }
}

/** Opens a diff of each file against its proposed text; new files are compared with nothing. */
async function showPreview(previews: PreviewDocuments, files: readonly PlannedFile[]): Promise<vscode.Uri[]> {
  const shown: vscode.Uri[] = [];
  for (const [index, file] of files.entries()) {
    const right = previews.put(file.uri, file.proposed);
    const left = file.document ? file.uri : previews.put(file.uri.with({ path: `${file.uri.path}.empty` }), '');
    const name = file.uri.path.split('/').pop() ?? '';
    await vscode.commands.executeCommand('vscode.diff', left, right, `${name} (proposed by Django Kit)`, {
      preview: false,
      preserveFocus: index > 0,
    });
    shown.push(right);
  }
  return shown;
}

async function closePreviews(previews: readonly vscode.Uri[]): Promise<void> {
  const shown = new Set(previews.map((uri) => uri.toString()));
  const tabs = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && shown.has(tab.input.modified.toString()));
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}

async function confirm(files: readonly PlannedFile[]): Promise<boolean> {
  const names = files.map((f) => vscode.workspace.asRelativePath(f.uri)).join(', ');
  const choice = await vscode.window.showInformationMessage(`Add the generated code to ${names}?`, 'Apply', 'Cancel');
  return choice === 'Apply';
}

/** One WorkspaceEdit for every file, so a single undo takes it all back. */
async function applyPlan(log: Log, files: readonly PlannedFile[]): Promise<boolean> {
  const stale = files.find((f) => f.document && f.document.version !== f.version);
  if (stale) {
    void vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(stale.uri)} changed during the preview; nothing was applied. Run the command again.`);
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const file of files) {
    if (!file.document) edit.createFile(file.uri, { ignoreIfExists: false });
    for (const insertion of file.insertions) {
      const position = file.document ? file.document.positionAt(insertion.offset) : new vscode.Position(0, 0);
      edit.insert(file.uri, position, insertion.text);
    }
  }
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  if (!applied) {
    void vscode.window.showErrorMessage('The generated code could not be applied; no file was changed.');
    return false;
  }
  log.info(`Generated code added to ${files.map((f) => vscode.workspace.asRelativePath(f.uri)).join(', ')}`);
  await vscode.window.showTextDocument(files[0].uri, { preview: false });
  return true;
}

/** Read-only documents holding the proposed text of each file while it is previewed. */
class PreviewDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  put(fileUri: vscode.Uri, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: fileUri.path });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}

/** "Generate serializer" above each concrete model class. */
class ModelCodeLenses implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const reading = readModels([{ path: document.uri.path, text: document.getText() }]);
    return reading.models
      .filter((m) => !m.abstract)
      .map((m) => {
        const range = document.lineAt(m.line - 1).range;
        return new vscode.CodeLens(range, {
          title: 'Generate serializer',
          command: COMMAND,
          arguments: [document.uri, { models: [m.name] } satisfies GenerateRequest],
        });
      });
  }
}
