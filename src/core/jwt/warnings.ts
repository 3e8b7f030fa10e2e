/** Something about a token or key that deserves the reader's attention, even when it decodes. */
export interface TokenWarning {
  readonly code: WarningCode;
  readonly severity: 'danger' | 'warning' | 'info';
  readonly message: string;
}

export type WarningCode =
  | 'unsigned'
  | 'weak-secret'
  | 'duplicate-member'
  | 'non-canonical-base64url'
  | 'unexpected-typ'
  | 'critical-header'
  | 'untrusted-reference'
  | 'private-key-given';
