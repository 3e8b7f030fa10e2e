/** The text of the status bar item that names the environment running manage.py. */
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
      return { text: '$(warning) No Django environment', tooltip: 'Select or create the environment that runs manage.py' };
    case 'restricted':
      return { text: '$(shield) Django', tooltip: `${state.python}\nRestricted Mode: versions are read by running Python.` };
    case 'probed': {
      const py = shortVersion(state.info.version);
      const text = state.info.django ? `$(server-environment) Django ${shortVersion(state.info.django)} · Python ${py}` : `$(warning) Python ${py}, no Django`;
      return { text, tooltip: `${state.python}\nClick to select or create an environment` };
    }
    case 'broken':
      return { text: '$(error) Django environment missing', tooltip: `${state.python} cannot be run. Click to select or create an environment.` };
  }
}

/** "3.12" for "3.12.4": the status bar has little room. */
export function shortVersion(version: string): string {
  const parsed = majorMinor(version);
  return parsed ? parsed.join('.') : version;
}
