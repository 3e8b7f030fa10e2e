/** The task type of manage.py commands (package.json's taskDefinitions). */
export const TASK_TYPE = 'django';
