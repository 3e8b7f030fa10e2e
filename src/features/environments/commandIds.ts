export const CREATE_COMMAND = 'djangoKit.env.create';
export const SELECT_COMMAND = 'djangoKit.env.select';
export const START_PROJECT_COMMAND = 'djangoKit.env.startProject';
// Not in the command palette: the status bar item's menu.
export const STATUS_MENU_COMMAND = 'djangoKit.env.statusMenu';
