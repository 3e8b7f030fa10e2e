import * as vscode from 'vscode';
import type { Log } from './log';

// Placeholder: the feature issue fills this in.
export function registerTemplates(_context: vscode.ExtensionContext, _log: Log): void {}
