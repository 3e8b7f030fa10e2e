import vscode = require('vscode');
import { l10n } from 'vscode';
import { showError } from './commands';
import type { Log } from './log';
import type { ProjectService } from './projects';

/** What makes a feature that is registered on first use load. */
export interface FirstUse {
  /**
   * Its commands in the manifest start with one of these: each is a stub from activation on, which loads
   * the feature (whose registration replaces the stubs) and then runs the real command with the same arguments.
   */
  readonly commandPrefixes?: readonly string[];
  /** Commands that are not in the manifest (a status bar item's), stubbed likewise. */
  readonly commands?: readonly string[];
  /** A document it serves: opening one (or one being open already) loads the feature. */
  readonly serves?: (document: vscode.TextDocument) => boolean;
  /** For a feature that serves Django projects: the project model, whose first project found loads it. */
  readonly projectsFrom?: ProjectService;
}

interface ContributedCommand {
  readonly command: string;
}

/**
 * Registers a feature the first time it is used rather than at activation, so that its bundle is
 * compiled then (see esbuild.mjs). Returns a function that loads the feature if need be and gives what
 * `register` returned, for stubs of other kinds (views, hovers, task providers); it throws when the
 * feature could not start.
 */
export function registerOnFirstUse<T>(context: vscode.ExtensionContext, log: Log, name: string, triggers: FirstUse, register: () => T): () => T {
  const stubs: vscode.Disposable[] = [];
  let tried = false;
  let started: { readonly feature: T } | undefined;
  const load = () => {
    if (tried) return;
    tried = true;
    for (const stub of stubs) stub.dispose();
    const since = performance.now();
    try {
      started = { feature: register() };
      log.debug(`${name}: registered on first use in ${(performance.now() - since).toFixed(1)} ms`);
    } catch (error) {
      showError(log, l10n.t('{0} could not start: {1}', name, error instanceof Error ? error.message : String(error)), error);
    }
  };
  const prefixes = triggers.commandPrefixes ?? [];
  const stubbed = [...contributedCommands(context).filter((command) => prefixes.some((prefix) => command.startsWith(prefix))), ...(triggers.commands ?? [])];
  for (const id of stubbed) {
    stubs.push(
      vscode.commands.registerCommand(id, (...args: unknown[]) => {
        load();
        return vscode.commands.executeCommand(id, ...args);
      }),
    );
  }
  const serves = triggers.serves;
  if (serves !== undefined) {
    stubs.push(vscode.workspace.onDidOpenTextDocument((document) => serves(document) && load()));
    // Editors restored with the window: loaded once activation is over, not during it.
    if (vscode.workspace.textDocuments.some(serves)) setImmediate(load);
  }
  const model = triggers.projectsFrom;
  if (model !== undefined) stubs.push(model.onDidChange((projects) => projects.length > 0 && load()));
  context.subscriptions.push({ dispose: () => stubs.forEach((stub) => stub.dispose()) });
  return () => {
    load();
    if (!started) throw new Error(`${name} did not start`);
    return started.feature;
  };
}

function contributedCommands(context: vscode.ExtensionContext): string[] {
  const manifest = context.extension.packageJSON as { contributes?: { commands?: ContributedCommand[] } };
  return (manifest.contributes?.commands ?? []).map((entry) => entry.command);
}
