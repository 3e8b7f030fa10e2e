import type * as vscode from 'vscode';
import type { KeyInput } from '../../core/jwt';

const SAVED_KEY = 'djangoKit.jwt.savedKey';

/** The one key a user chose to keep; it lives in SecretStorage and nowhere else. */
export class SavedKey {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async load(): Promise<KeyInput | undefined> {
    const stored = await this.secrets.get(SAVED_KEY);
    if (stored === undefined) return undefined;
    try {
      const key = JSON.parse(stored) as Partial<KeyInput>;
      return typeof key.text === 'string' ? { text: key.text, type: key.type, secretEncoding: key.secretEncoding } : undefined;
    } catch {
      return undefined;
    }
  }

  async exists(): Promise<boolean> {
    return (await this.secrets.get(SAVED_KEY)) !== undefined;
  }

  store(key: KeyInput): Thenable<void> {
    return this.secrets.store(SAVED_KEY, JSON.stringify(key));
  }

  forget(): Thenable<void> {
    return this.secrets.delete(SAVED_KEY);
  }
}
