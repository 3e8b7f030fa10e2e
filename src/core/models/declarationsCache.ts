import { type FileDeclarations, readDeclarations } from './declarations';
import type { SourceFile } from './types';

const CAPACITY = 32;

/**
 * The declarations of the models files read last, kept while their text stays the same. Parsing
 * is most of what reading models costs, and the editor reads the same open file for its
 * CodeLenses, when it is shown, and again to generate: the parse is done once per version of the
 * text. A changed text is read again; the oldest files go once there are more than `capacity`.
 */
export class DeclarationsCache {
  private readonly entries = new Map<string, { readonly text: string; readonly declarations: FileDeclarations }>();

  constructor(private readonly capacity = CAPACITY) {}

  /** The file's declarations, read now unless the same path was read with the same text. */
  read(file: SourceFile): FileDeclarations {
    const cached = this.entries.get(file.path);
    // Equal text means equal declarations: reading depends on nothing else.
    const declarations = cached?.text === file.text ? cached.declarations : readDeclarations(file.path, file.text);
    // Moved to the end, so the least recently read file is the first one to go.
    this.entries.delete(file.path);
    this.entries.set(file.path, { text: file.text, declarations });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return declarations;
  }

  /** Drops a file that is no longer needed, such as a closed document. */
  forget(path: string): void {
    this.entries.delete(path);
  }
}
