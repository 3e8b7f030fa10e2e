import { l10n } from 'vscode';
import { type SelectionTarget, selectProjectPython } from '../../services/interpreter';
import { type Log } from '../../services/log';
import { pickProjectPython } from './pickers';
import { isOptionsObject, pickWorkspaceFolder, requireTrust, workspaceFolderAt } from './workspace';

export interface SelectCommandOptions {
  readonly python?: string;
  readonly folder?: string;
}

/** Select Environment: the given interpreter, or one the user picks, becomes the folder's. */
export async function selectCommand(log: Log, options?: SelectCommandOptions): Promise<SelectionTarget | undefined> {
  const programmatic = isOptionsObject(options) && options.python !== undefined;
  const folder = programmatic ? workspaceFolderAt(options.folder) : await pickWorkspaceFolder();
  if (!folder) return undefined;
  let python = programmatic ? options.python : undefined;
  if (!python) {
    if (!requireTrust(l10n.t('Listing interpreters'))) return undefined;
    python = await pickProjectPython(folder, log);
  }
  if (!python) return undefined;
  const target = await selectProjectPython(python, folder);
  log.info(`Selected ${python} for ${folder.name} (${target})`);
  return target;
}
