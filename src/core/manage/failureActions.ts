import * as l10n from '@vscode/l10n';
import { type ManageFailure, type SourceLocation } from './failure';

/** A button offered beside a failure's message; the adapter decides what pressing it does. */
export type FailureAction = { readonly title: string } & (
  | { readonly kind: 'select-environment' }
  | { readonly kind: 'open-file'; readonly location: SourceLocation }
  | { readonly kind: 'merge-migrations' }
  | { readonly kind: 'open-model'; readonly model?: string }
  | { readonly kind: 'run-in-terminal' }
);

/**
 * The actions that help with a kind of failure. Only a command that can be run again in a
 * terminal offers that, because makemigrations' questions about defaults need a person to answer.
 */
export function failureActions(failure: ManageFailure, canRerunInTerminal: boolean): FailureAction[] {
  switch (failure.kind) {
    case 'no-interpreter':
    case 'django-missing':
      return [{ kind: 'select-environment', title: l10n.t('Select Environment') }];
    case 'settings-import':
    case 'python-exception':
      return failure.location ? [{ kind: 'open-file', title: l10n.t('Open File'), location: failure.location }] : [];
    case 'conflicting-migrations':
      return [{ kind: 'merge-migrations', title: l10n.t('Merge Migrations') }];
    case 'needs-default': {
      const actions: FailureAction[] = [{ kind: 'open-model', title: l10n.t('Open Model'), model: failure.model }];
      if (canRerunInTerminal) actions.push({ kind: 'run-in-terminal', title: l10n.t('Run in Terminal') });
      return actions;
    }
    default:
      return [];
  }
}
