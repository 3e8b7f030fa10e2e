import { type SettingsIndex, scanSettings } from './scanner';

/**
 * Keeps the last scan of each document, so hovers, completion and checks on the same version share
 * one parse. Keyed by the editor's document URI and version.
 */
export class SettingsIndexCache {
  private readonly scans = new Map<string, { version: number; settingsModule: boolean; index: SettingsIndex }>();

  get(key: string, version: number, settingsModule: boolean, source: () => string): SettingsIndex {
    const cached = this.scans.get(key);
    if (cached && cached.version === version && cached.settingsModule === settingsModule) return cached.index;
    const index = scanSettings(source(), settingsModule);
    this.scans.set(key, { version, settingsModule, index });
    return index;
  }

  forget(key: string): void {
    this.scans.delete(key);
  }
}
