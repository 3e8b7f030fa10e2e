import vscode = require('vscode');
import { dotEnvCandidates, type Environment, environmentFrom, type JwtSettings, readJwtSettings } from '../../core/jwt';
import { decodePythonSource } from '../../core/syntax/pythonFile';
import type { SettingsModules } from './settingsModule';

/** A project's JWT settings as read from its files (never run), and where they came from. */
export interface ProjectJwt {
  readonly settingsFile: vscode.Uri;
  /** The settings file relative to the workspace, for messages. */
  readonly where: string;
  readonly settings: JwtSettings;
  readonly environment: Environment;
}

/** Reads the settings module the user means (asking when there are several), with its `.env` files. */
export async function readProjectJwt(modules: SettingsModules): Promise<ProjectJwt | undefined> {
  const module = await modules.pick();
  return module ? readProject(module.settings, module.manageFolder) : undefined;
}

/**
 * Where "Use Project Key" would find a key, without asking anything: the first settings module
 * that sets SECRET_KEY or a SimpleJWT key. Undefined when there is none.
 */
export async function projectKeyHint(modules: SettingsModules): Promise<string | undefined> {
  for (const module of await modules.all()) {
    const project = await readProject(module.settings, module.manageFolder);
    const { settings } = project;
    if (settings.secretKey || settings.simpleJwt.has('SIGNING_KEY') || settings.simpleJwt.has('VERIFYING_KEY')) return project.where;
  }
  return undefined;
}

async function readProject(settingsFile: vscode.Uri, manageFolder: vscode.Uri): Promise<ProjectJwt> {
  const settings = readJwtSettings(decodePythonSource(await vscode.workspace.fs.readFile(settingsFile)));
  const envFiles: { name: string; text: string }[] = [];
  for (const file of dotEnvCandidates(manageFolder.fsPath, settingsFile.fsPath)) {
    const uri = vscode.Uri.file(file);
    const text = await readText(uri).catch(() => undefined);
    if (text !== undefined) envFiles.push({ name: vscode.workspace.asRelativePath(uri), text });
  }
  return { settingsFile, where: vscode.workspace.asRelativePath(settingsFile), settings, environment: environmentFrom(envFiles) };
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}
