export type { DjangoApp, DjangoProject, ProjectModel, TemplateLibrary } from './types';
export { EXCLUDED_FOLDERS_GLOB, excludedFoldersGlob, findManageFiles, type FindOptions, isExcludedFolder } from './find';
export { buildProject, buildProjectModel, type BuildOptions, type ModelOptions, projectForFile, resolveModuleFile } from './build';
export { EnvironmentProbeError, probeProjectEnvironment, type ProjectEnvironment } from './environment';
export { globMatcher } from './glob';
export { dependsOn, updateProjectModel } from './update';
