/** The text of the status bar item that names the environment running manage.py. */
import * as l10n from '@vscode/l10n';
import { type InterpreterInfo, majorMinor } from './probe';

/** What is known about the project's interpreter, from the cheapest question that answered. */
export type EnvironmentState =
  | { readonly kind: 'no-interpreter' }
  /** In Restricted Mode the interpreter is named but never run. */
  | { readonly kind: 'restricted'; readonly python: string }
  | { readonly kind: 'probed'; readonly python: string; readonly info: Pick<InterpreterInfo, 'version' | 'django'> }
  | { readonly kind: 'broken'; readonly python: string };

export function environmentStatus(state: EnvironmentState): { readonly text: string; readonly tooltip: string } {
  switch (state.kind) {
    case 'no-interpreter':
      return { text: l10n.t('$(warning) No Django environment'), tooltip: l10n.t('Select or create the environment that runs manage.py') };
    case 'restricted':
      // "Django" alone is the product's name: nothing to translate.
      return { text: '$(shield) Django', tooltip: l10n.t('{0}\nRestricted Mode: versions are read by running Python.', state.python) };
    case 'probed': {
      const py = shortVersion(state.info.version);
      const text = state.info.django
        ? l10n.t('$(server-environment) Django {0} · Python {1}', shortVersion(state.info.django), py)
        : l10n.t('$(warning) Python {0}, no Django', py);
      return { text, tooltip: l10n.t('{0}\nClick to select or create an environment', state.python) };
    }
    case 'broken':
      return { text: l10n.t('$(error) Django environment missing'), tooltip: l10n.t('{0} cannot be run. Click to select or create an environment.', state.python) };
  }
}

/** "3.12" for "3.12.4": the status bar has little room. */
export function shortVersion(version: string): string {
  const parsed = majorMinor(version);
  return parsed ? parsed.join('.') : version;
}
