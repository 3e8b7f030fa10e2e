import { type Log, reportError } from '../log';

/** Like `guarded`, but hands the handler's result back to the caller (tests and other commands use it). */
export function reported<A extends unknown[], R>(log: Log, what: string, handler: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      reportError(log, `${what} failed: ${error instanceof Error ? error.message : String(error)}`, error);
      return undefined;
    }
  };
}
