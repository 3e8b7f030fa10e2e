import type * as vscode from 'vscode';
import type { KeyInput } from '../../core/jwt';

/** Where the verifying key and the signing key are kept, each only when the user asks. */
export const VERIFYING_KEY_ID = 'djangoKit.jwt.savedKey';
export const SIGNING_KEY_ID = 'djangoKit.jwt.savedSigningKey';

/** A key a user chose to keep; it lives in SecretStorage and nowhere else. */
export class SavedKey {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly id: string,
  ) {}

  async load(): Promise<KeyInput | undefined> {
    const stored = await this.secrets.get(this.id);
    if (stored === undefined) return undefined;
    try {
      const key = JSON.parse(stored) as Partial<KeyInput>;
      return typeof key.text === 'string' ? { text: key.text, type: key.type, secretEncoding: key.secretEncoding } : undefined;
    } catch {
      return undefined;
    }
  }

  async exists(): Promise<boolean> {
    return (await this.secrets.get(this.id)) !== undefined;
  }

  store(key: KeyInput): Thenable<void> {
    return this.secrets.store(this.id, JSON.stringify(key));
  }

  forget(): Thenable<void> {
    return this.secrets.delete(this.id);
  }
}
