// Moved to src/services/interpreter.ts; environments/ and serializers.ts still import it from here
// while their owners restructure them. Delete once they import from src/services.
export * from '../services/interpreter';
