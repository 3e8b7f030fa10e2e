import path from 'node:path';
import vscode = require('vscode');
import { manageArgs, projectOf } from '../../core/manage/command';
import { projectPython } from '../../services/interpreter';
import type { ProjectService } from '../../services/projects';

import { TASK_TYPE } from './taskType';

/** Tasks of type `django`: manage.py commands run with the project's interpreter. */
export class DjangoTaskProvider implements vscode.TaskProvider {
  constructor(private readonly model: ProjectService) {}

  async provideTasks(): Promise<vscode.Task[]> {
    if (!vscode.workspace.isTrusted) return [];
    const tasks: vscode.Task[] = [];
    for (const project of await this.model.projects()) {
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(project.root));
      if (!folder) continue;
      const relative = path.relative(folder.uri.fsPath, project.root);
      for (const command of ['migrate', 'makemigrations', 'check', 'showmigrations']) {
        const task = await djangoTask({ type: TASK_TYPE, command, project: relative || undefined }, folder);
        if (task) tasks.push(task);
      }
    }
    return tasks;
  }

  async resolveTask(task: vscode.Task): Promise<vscode.Task | undefined> {
    if (!vscode.workspace.isTrusted) return undefined;
    const folder = task.scope !== undefined && typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    return folder && djangoTask(task.definition as DjangoTaskDefinition, folder);
  }
}

interface DjangoTaskDefinition extends vscode.TaskDefinition {
  readonly command: string;
  readonly args?: string[];
  readonly project?: string;
}

async function djangoTask(definition: DjangoTaskDefinition, folder: vscode.WorkspaceFolder): Promise<vscode.Task | undefined> {
  const project = projectOf(path.join(folder.uri.fsPath, definition.project ?? '', 'manage.py'));
  const python = await projectPython(vscode.Uri.file(project.dir));
  if (!python) return undefined;
  const execution = new vscode.ProcessExecution(python, manageArgs(project, definition.command, definition.args ?? []), { cwd: project.dir });
  const name = [definition.command, ...(definition.args ?? [])].join(' ');
  const task = new vscode.Task(definition, folder, definition.project ? `${name} (${definition.project})` : name, TASK_TYPE, execution, []);
  if (definition.command === 'makemigrations' || definition.command === 'migrate') task.group = vscode.TaskGroup.Build;
  return task;
}
