import vscode = require('vscode');

// Every setting Django Kit reads, typed, in one place; features never spell a key themselves.

type Scope = vscode.ConfigurationScope | undefined;

function djangoKit(scope?: Scope): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration('djangoKit', scope);
}

export const config = {
  /** An interpreter the user pinned for the project, overriding every other choice. */
  projectPython: (scope?: Scope) => djangoKit(scope).get<string>('environment.projectPython') || undefined,
  basePython: () => djangoKit().get<string>('environment.basePython') || undefined,
  useUv: () => djangoKit().get<boolean>('environment.useUv', false),
  uvPath: () => djangoKit().get<string>('environment.uvPath') || undefined,
  settingsExtraGlobs: (scope?: Scope) => djangoKit(scope).get<string[]>('settings.extraGlobs', []),
  settingsDiagnostics: (scope?: Scope) => ({
    unknownNames: djangoKit(scope).get<boolean>('settings.diagnostics.unknownNames', true),
    deprecated: djangoKit(scope).get<boolean>('settings.diagnostics.deprecated', true),
    security: djangoKit(scope).get<boolean>('settings.diagnostics.security', true),
  }),
  jwtHover: (scope?: Scope) => djangoKit(scope).get<boolean>('jwt.hover', true),
  templatesExtraGlobs: (scope?: Scope) => djangoKit(scope).get<string[]>('templates.extraGlobs', []),
  /** `python.defaultInterpreterPath` as written, even when the Python extension that declares it is absent. */
  pythonDefaultInterpreterPath: (scope?: Scope) => vscode.workspace.getConfiguration('python', scope).get<string>('defaultInterpreterPath') || undefined,
  /** The `files.exclude` globs that are switched on (conditional `when` entries are not). */
  filesExclude: (scope?: Scope) =>
    Object.entries(vscode.workspace.getConfiguration('files', scope).get<Record<string, unknown>>('exclude', {}))
      .filter(([, on]) => on === true)
      .map(([glob]) => glob),
};

/** Changes that alter which interpreter runs a project. */
export function affectsInterpreter(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('djangoKit.environment') || event.affectsConfiguration('python.defaultInterpreterPath');
}

export function affectsSettingsFeature(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('djangoKit.settings');
}

export function affectsTemplatesExtraGlobs(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('djangoKit.templates.extraGlobs');
}

export function affectsFilesExclude(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('files.exclude');
}

/** Writes the project interpreter setting of one workspace folder (undefined clears it). */
export async function writeProjectPython(folder: vscode.WorkspaceFolder, python: string | undefined): Promise<void> {
  await djangoKit(folder.uri).update('environment.projectPython', python, vscode.ConfigurationTarget.WorkspaceFolder);
}

export function hasFolderProjectPython(folder: vscode.WorkspaceFolder): boolean {
  return djangoKit(folder.uri).inspect('environment.projectPython')?.workspaceFolderValue !== undefined;
}

export async function writePythonDefaultInterpreterPath(folder: vscode.WorkspaceFolder, python: string): Promise<void> {
  await vscode.workspace.getConfiguration('python', folder.uri).update('defaultInterpreterPath', python, vscode.ConfigurationTarget.WorkspaceFolder);
}
