import { TreeFragment } from '@lezer/common';
import { type SettingSites, type SettingsIndex, scanSettings, scanSettingsAround, scanSettingsInSlices } from './scanner';
import type { Slices } from './slices';
import { topLevelStatementStarts } from './statement';

interface CachedScan {
  readonly version: number;
  readonly settingsModule: boolean;
  readonly index: SettingsIndex;
  /** The tree cut around the edits made since, and the document version those edits lead to. */
  fragments: readonly TreeFragment[];
  fragmentsVersion: number;
}

/**
 * Keeps the last scan of each document, so hovers, completion and checks on the same version share
 * one parse. Keyed by the editor's document URI and version. Edits reported through `edit` let the
 * next parse of that document reuse the untouched parts of the previous tree.
 */
export class SettingsIndexCache {
  private readonly scans = new Map<string, CachedScan>();
  /** Where the top-level statements of a document's version start, for hovers until its scan is kept. */
  private readonly statements = new Map<string, { readonly version: number; readonly starts: readonly number[] }>();

  get(key: string, version: number, settingsModule: boolean, source: () => string): SettingsIndex {
    const kept = this.kept(key, version, settingsModule);
    if (kept) return kept;
    const index = scanSettings(source(), settingsModule, this.fragmentsFor(key, version));
    this.keep(key, version, settingsModule, index);
    return index;
  }

  /**
   * `get`, with the parse cut into slices so that it never holds the thread for long. Throws
   * `Cancelled` when the run was cancelled; the result of a cancelled run is never kept.
   */
  async getInSlices(key: string, version: number, settingsModule: boolean, source: () => string, slices: Slices): Promise<SettingsIndex> {
    const kept = this.kept(key, version, settingsModule);
    if (kept) return kept;
    const index = await scanSettingsInSlices(source(), settingsModule, slices, this.fragmentsFor(key, version));
    // An edit reported while this ran cancels it: keeping this older scan would discard that edit's record.
    slices.throwIfCancelled();
    this.keep(key, version, settingsModule, index);
    return index;
  }

  private kept(key: string, version: number, settingsModule: boolean): SettingsIndex | undefined {
    const cached = this.scans.get(key);
    return cached && cached.version === version && cached.settingsModule === settingsModule ? cached.index : undefined;
  }

  /** The kept tree's fragments, reused only when every edit up to this version was reported; otherwise the tree would not match. */
  private fragmentsFor(key: string, version: number): readonly TreeFragment[] | undefined {
    const cached = this.scans.get(key);
    return cached && cached.fragmentsVersion === version ? cached.fragments : undefined;
  }

  private keep(key: string, version: number, settingsModule: boolean, index: SettingsIndex): void {
    this.scans.set(key, { version, settingsModule, index, fragments: TreeFragment.addTree(index.tree), fragmentsVersion: version });
    this.statements.delete(key);
  }

  /**
   * Reads where the top-level statements of this version start, unless known: on a long module that
   * read is what a hover before the whole-module scan costs most (5–18 ms the first time in the
   * editor), so it is done when the module is shown, while nobody waits, and once per version.
   */
  findStatements(key: string, version: number, source: () => string): void {
    if (this.statements.get(key)?.version === version || this.scans.get(key)?.version === version) return;
    this.statements.set(key, { version, starts: topLevelStatementStarts(source()) });
  }

  /**
   * The sites near `offset`, for a hover: the kept scan when it is of this version, else only the
   * statement there is parsed, and the whole-module parse is left to the checks, off the hover's path.
   */
  around(key: string, version: number, settingsModule: boolean, source: () => string, offset: number): SettingSites {
    const kept = this.kept(key, version, settingsModule);
    if (kept) return kept;
    const statements = this.statements.get(key);
    return scanSettingsAround(source(), offset, settingsModule, statements?.version === version ? statements.starts : undefined);
  }

  /**
   * Records one editor change event: each change, applied in order, replaced `from`–`to` with
   * `insertedLength` characters, and the document went from `newVersion - 1` to `newVersion`. A
   * missed event makes the kept tree unusable, so it is dropped rather than misapplied.
   */
  edit(key: string, changes: readonly { from: number; to: number; insertedLength: number }[], newVersion: number): void {
    const cached = this.scans.get(key);
    if (!cached) return;
    if (cached.fragmentsVersion !== newVersion - 1) {
      cached.fragments = [];
      cached.fragmentsVersion = -1;
      return;
    }
    for (const { from, to, insertedLength } of changes) {
      cached.fragments = TreeFragment.applyChanges(cached.fragments, [{ fromA: from, toA: to, fromB: from, toB: from + insertedLength }]);
    }
    cached.fragmentsVersion = newVersion;
  }

  forget(key: string): void {
    this.scans.delete(key);
    this.statements.delete(key);
  }
}
