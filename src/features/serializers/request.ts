import vscode = require('vscode');
import { type ViewStyle } from '../../core/serializers/generate';
import { type AppliedNotice } from './afterApply';

export const GENERATE_COMMAND = 'djangoKit.serializers.generate';

/** Where models are declared: the CodeLens offers the command there. */
export const MODELS_FILES: vscode.DocumentSelector = [
  { language: 'python', pattern: '**/models.py' },
  { language: 'python', pattern: '**/models/*.py' },
];

export function isModelsDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(MODELS_FILES, document) > 0;
}

/**
 * What the command can be given instead of asking: the CodeLens passes `models`; tests and other
 * extensions pass everything, with `apply: true` to skip the Apply / Discard question.
 */
export interface GenerateRequest {
  readonly models?: readonly string[];
  readonly many?: boolean;
  readonly partial?: boolean;
  readonly views?: ViewStyle | 'none';
  readonly urls?: boolean;
  readonly nested?: boolean;
  readonly apply?: boolean;
  /** False keeps to the static reading even where Django could be asked. */
  readonly introspect?: boolean;
}

export interface GenerateResult {
  readonly applied: boolean;
  /** The files the edit created or changed. */
  readonly files: readonly vscode.Uri[];
  /** The read-only documents the preview showed. */
  readonly previews: readonly vscode.Uri[];
  /** Whether the fields came from Django itself or from reading the source. */
  readonly source: ReadingSource;
  /** After Apply: what the user was told was written, and the buttons offered. */
  readonly notice?: AppliedNotice;
}

export type ReadingSource = 'django' | 'static';

/** The explorer passes the selected resources as the second argument: that is not a request. */
export function asRequest(value: unknown): GenerateRequest {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as GenerateRequest) : {};
}
