import { type ManageFailure, type SourceLocation } from './failure';

/** A button offered beside a failure's message; the adapter decides what pressing it does. */
export type FailureAction =
  | { readonly kind: 'select-environment'; readonly title: 'Select Environment' }
  | { readonly kind: 'open-file'; readonly title: 'Open File'; readonly location: SourceLocation }
  | { readonly kind: 'merge-migrations'; readonly title: 'Merge Migrations' }
  | { readonly kind: 'open-model'; readonly title: 'Open Model'; readonly model?: string }
  | { readonly kind: 'run-in-terminal'; readonly title: 'Run in Terminal' };

/**
 * The actions that help with a kind of failure. Only a command that can be run again in a
 * terminal offers that, because makemigrations' questions about defaults need a person to answer.
 */
export function failureActions(failure: ManageFailure, canRerunInTerminal: boolean): FailureAction[] {
  switch (failure.kind) {
    case 'no-interpreter':
    case 'django-missing':
      return [{ kind: 'select-environment', title: 'Select Environment' }];
    case 'settings-import':
    case 'python-exception':
      return failure.location ? [{ kind: 'open-file', title: 'Open File', location: failure.location }] : [];
    case 'conflicting-migrations':
      return [{ kind: 'merge-migrations', title: 'Merge Migrations' }];
    case 'needs-default': {
      const actions: FailureAction[] = [{ kind: 'open-model', title: 'Open Model', model: failure.model }];
      if (canRerunInTerminal) actions.push({ kind: 'run-in-terminal', title: 'Run in Terminal' });
      return actions;
    }
    default:
      return [];
  }
}
