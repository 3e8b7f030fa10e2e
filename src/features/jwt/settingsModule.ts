import vscode = require('vscode');
import { l10n } from 'vscode';
import type { ProjectService } from '../../services/projects';

/** A settings module and the folder of the manage.py that names it. */
export interface SettingsModule {
  readonly settings: vscode.Uri;
  readonly manageFolder: vscode.Uri;
}

/** The settings modules of the workspace's Django projects, as the project model found them. */
export class SettingsModules {
  constructor(private readonly projects: ProjectService) {}

  /** Fires when the projects (and so perhaps their settings) changed. */
  get onDidChange(): vscode.Event<unknown> {
    return this.projects.onDidChange;
  }

  async all(): Promise<SettingsModule[]> {
    const modules: SettingsModule[] = [];
    for (const project of await this.projects.projects()) {
      if (project.settingsFile) modules.push({ settings: vscode.Uri.file(project.settingsFile), manageFolder: vscode.Uri.file(project.root) });
    }
    return modules;
  }

  /** The only settings module, or the one the user picks when there are several. */
  async pick(): Promise<SettingsModule | undefined> {
    const modules = await this.all();
    if (modules.length <= 1) return modules[0];
    const choice = await vscode.window.showQuickPick(
      modules.map((module) => ({ label: vscode.workspace.asRelativePath(module.settings), module })),
      { title: l10n.t('Which settings module holds the JWT key?') },
    );
    return choice?.module;
  }
}
