// The log and the command wrapper moved to src/services/. jwt.ts, serializers.ts, templates.ts and
// environments/ still import them from here while their owners restructure them; delete this file
// once they import from src/services.
export { showError as reportError } from '../services/commands';
export { createLog, type Log, SHOW_LOG_COMMAND } from '../services/log';
