// The log and error helpers moved to src/services/. jwt.ts, serializers.ts, templates.ts and
// environments/ still import them from here while their owners restructure them; delete this
// file once they import from src/services.
import { command, type CommandOptions } from '../services/commands';
import type { Log } from '../services/log';

export { createLog, type Log, SHOW_LOG_COMMAND } from '../services/log';
export { showError as reportError } from '../services/commands';

export function guarded<A extends unknown[], R>(log: Log, what: string, handler: (...args: A) => R | Promise<R>, options?: CommandOptions<R>) {
  return command(log, what, handler, options);
}
