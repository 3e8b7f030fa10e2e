import * as l10n from '@vscode/l10n';
import { closestName } from '../settings/diagnostics';
import { alternatives } from '../wording';
import { lexTemplate, parsedBlockTags, splitTagContents, type TagBit, tagName, type TemplateToken } from './lexer';
import type { FilterInfo, TagInfo, Vocabulary } from './vocabulary';

// Checks a template the way Django's parser would judge it, without running anything: tags and
// filters that are unknown or not loaded, block tags that do not pair up, misplaced extends,
// duplicate blocks, and extends/include names that no template folder holds.

export type Severity = 'error' | 'warning' | 'info';

/** Adds `{% load library %}` at `offset` (after `{% extends %}` when there is one). */
export interface LoadFix {
  readonly library: string;
  readonly offset: number;
  readonly text: string;
}

export interface TemplateProblem {
  readonly start: number;
  readonly end: number;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly loadFix?: LoadFix;
  /** A replacement name for the range, for "Did you mean" problems. */
  readonly replacement?: string;
}

export interface CheckOptions {
  readonly vocabulary: Vocabulary;
  /**
   * Whether a literal extends/include name exists; undefined when that cannot be known (no template
   * folders were found).
   */
  readonly templateExists?: (name: string) => boolean;
}

/** Tags whose arguments Django compiles as filter expressions, so their filters can be checked. */
const FILTERING_TAGS = new Set(['if', 'elif', 'for', 'with', 'firstof', 'cycle', 'include', 'extends', 'url', 'regroup', 'widthratio', 'static', 'querystring']);
const SIMPLE_KINDS = new Set(['simple_tag', 'inclusion_tag', 'simple_block_tag']);

interface OpenTag {
  readonly name: string;
  readonly token: TemplateToken;
  /** The tags that close it or may stand inside it (`endfor`, `empty`). */
  readonly stops: readonly string[];
  /** True when a tag whose inner tags are unknown to us is open: anything may stand inside. */
  readonly opaque: boolean;
}

class TemplateChecker {
  readonly problems: TemplateProblem[] = [];
  private readonly loadedTags = new Map<string, TagInfo>();
  private readonly loadedFilters = new Map<string, FilterInfo>();
  /** After `{% load x %}` of a library we cannot read, unknown names may be its own. */
  private loadedUnknown = false;
  private readonly open: OpenTag[] = [];
  /** Per open level: has a tag or variable been seen (extends must come before any). */
  private readonly nonText: boolean[] = [false];
  private readonly blockNames = new Set<string>();
  private extendsSeen = false;
  private extendsEnd: number | undefined;
  /** Every tag name the template uses, to guess the end of tags whose structure is unknown. */
  private readonly tagNames = new Set<string>();

  constructor(private readonly options: CheckOptions) {}

  private get vocabulary(): Vocabulary {
    return this.options.vocabulary;
  }

  run(text: string): void {
    const tokens = lexTemplate(text);
    for (const token of tokens) if (token.kind === 'block') this.tagNames.add(tagName(token));
    let commentStart: TemplateToken | undefined;
    for (const token of tokens) {
      if (commentStart) {
        if (token.kind === 'block' && token.contents === 'endcomment') {
          commentStart = undefined;
          this.markNonText();
        }
        continue;
      }
      if (token.kind === 'variable') this.variable(token);
      else if (token.kind === 'block') {
        if (tagName(token) === 'comment') commentStart = token;
        else this.block(token);
      }
    }
    if (commentStart) this.report(commentStart, 'error', 'unclosed-tag', l10n.t("'{0}' is not closed: {1} is missing.", 'comment', '{% endcomment %}'));
    for (const open of this.open) {
      this.report(open.token, 'error', 'unclosed-tag', l10n.t("'{0}' is not closed: looking for one of {1}.", open.name, open.stops.join(', ')));
    }
  }

  private report(at: { start: number; end: number }, severity: Severity, code: string, message: string, extra: Partial<TemplateProblem> = {}): void {
    this.problems.push({ start: at.start, end: at.end, severity, code, message, ...extra });
  }

  private markNonText(): void {
    this.nonText[this.nonText.length - 1] = true;
  }

  private variable(token: TemplateToken): void {
    if (token.contents === '') {
      this.report(token, 'error', 'empty-variable', l10n.t('Empty variable tag.'));
      return;
    }
    this.markNonText();
    this.checkFilters(token.contents, token.contentsStart, true);
  }

  private block(token: TemplateToken): void {
    const name = tagName(token);
    if (name === '') {
      this.report(token, 'error', 'empty-tag', l10n.t('Empty block tag.'));
      return;
    }
    const top = this.open.at(-1);
    if (top?.stops.includes(name)) {
      this.inner(token, name, top);
      return;
    }
    const enclosing = this.open.findIndex((open) => open.stops.includes(name));
    if (enclosing >= 0 && !top?.opaque) {
      this.mismatched(token, name, top!, enclosing);
      return;
    }
    const tag = this.lookupTag(token, name);
    if (name === 'extends') this.extends(token);
    this.markNonText();
    if (name === 'load') this.load(token);
    if (name === 'block') this.blockName(token);
    if (name === 'include') this.checkTemplateName(token);
    if (tag === undefined && top?.opaque) return;
    if (tag === undefined && this.mayBeUnseen() && this.tagNames.has(`end${name}`)) {
      // A tag of a library we cannot read, used as a block tag: its body is checked, not its inner tags.
      this.push({ name, token, stops: [`end${name}`], opaque: true });
      return;
    }
    if (tag === undefined && /^end/.test(name)) {
      this.report(token, 'error', 'unexpected-end', l10n.t("'{0}' closes nothing: no '{1}' is open.", name, name.slice(3)));
      return;
    }
    if (tag && (this.filtersCompiled(tag) || name === 'filter')) this.checkTagFilters(token, name);
    // A compile function we could not read is taken for a block tag when its `end…` tag is used.
    if (tag && (tag.end || (!tag.structureKnown && this.tagNames.has(`end${name}`)))) {
      this.push({ name, token, stops: [...(tag.middle ?? []), tag.end ?? `end${name}`], opaque: !tag.structureKnown });
    }
    if (tag?.versions?.removed && this.vocabulary.djangoVersion === undefined) this.removed({ start: token.contentsStart, end: token.contentsStart + name.length }, name, tag.versions.removed);
  }

  /** Whether a name we do not know may still exist: a library we cannot read is loaded or built in. */
  private mayBeUnseen(): boolean {
    return this.loadedUnknown || !this.vocabulary.builtinsComplete;
  }

  private removed(range: { start: number; end: number }, name: string, version: string): void {
    this.report(range, 'warning', 'removed', l10n.t("'{0}' was removed in Django {1}.", name, version));
  }

  private push(open: OpenTag): void {
    this.open.push(open);
    this.nonText.push(false);
  }

  /** A middle or end tag of the innermost open tag. */
  private inner(token: TemplateToken, name: string, top: OpenTag): void {
    const end = top.stops.at(-1)!;
    if (name === end) {
      if (top.name === 'block') this.endBlock(token, top);
      this.open.pop();
      this.nonText.pop();
      return;
    }
    this.nonText[this.nonText.length - 1] = false;
    if (name === 'elif') this.checkTagFilters(token, name);
  }

  private endBlock(token: TemplateToken, top: OpenTag): void {
    const opened = splitTagContents(top.token)[1]?.text;
    const closing = splitTagContents(token).slice(1);
    if (closing.length === 0 || (closing.length === 1 && closing[0].text === opened)) return;
    this.report(token, 'error', 'mismatched-endblock', l10n.t("'{0}' does not close '{1}': write {2} or {3}.", token.contents, top.token.contents, '{% endblock %}', `{% endblock ${opened ?? ''} %}`));
  }

  /** An end or middle tag of an outer tag: the tags opened since were not closed. */
  private mismatched(token: TemplateToken, name: string, top: OpenTag, enclosing: number): void {
    this.report(token, 'error', 'mismatched-tag', l10n.t("'{0}' found where '{1}' must be closed first: expected {2}.", name, top.name, alternatives(top.stops.map((s) => `'${s}'`))));
    this.open.length = enclosing + 1;
    this.nonText.length = enclosing + 2;
    this.inner(token, name, this.open[enclosing]);
  }

  private extends(token: TemplateToken): void {
    if (this.extendsSeen) {
      this.report(token, 'error', 'extends-twice', l10n.t("'{0}' appears more than once in this template.", 'extends'));
    } else if (this.nonText.at(-1)) {
      this.report(token, 'error', 'extends-not-first', l10n.t('{0} must be the first tag of the template (text and {1} may come before it).', '{% extends %}', '{# comments #}'));
    }
    this.extendsSeen = true;
    this.extendsEnd ??= token.end;
    this.checkTemplateName(token);
  }

  private blockName(token: TemplateToken): void {
    const name = splitTagContents(token)[1]?.text;
    if (name === undefined) return;
    if (this.blockNames.has(name)) this.report(token, 'error', 'duplicate-block', l10n.t("The block '{0}' appears more than once in this template.", name));
    this.blockNames.add(name);
  }

  private checkTemplateName(token: TemplateToken): void {
    const bit = splitTagContents(token)[1];
    const quote = bit?.text[0];
    if (!bit || (quote !== '"' && quote !== "'") || !bit.text.endsWith(quote) || bit.text.length < 2) return;
    const name = bit.text.slice(1, -1);
    if (this.options.templateExists && !this.options.templateExists(name)) {
      this.report({ start: bit.start + 1, end: bit.start + bit.text.length - 1 }, 'warning', 'template-not-found', l10n.t("No template folder holds '{0}'.", name));
    }
  }

  private load(token: TemplateToken): void {
    const bits = splitTagContents(token).slice(1);
    const from = bits.length >= 3 && bits.at(-2)?.text === 'from';
    const libraryBits = from ? [bits.at(-1)!] : bits;
    for (const bit of libraryBits) {
      const library = this.vocabulary.libraries.get(bit.text);
      if (!library) {
        this.unknownLibrary(bit);
        continue;
      }
      const names = from ? bits.slice(0, -2) : undefined;
      if (names) this.loadSome(library.name, names);
      else {
        for (const tag of library.tags.values()) this.loadedTags.set(tag.name, tag);
        for (const filter of library.filters.values()) this.loadedFilters.set(filter.name, filter);
      }
    }
  }

  private loadSome(libraryName: string, names: readonly TagBit[]): void {
    const library = this.vocabulary.libraries.get(libraryName)!;
    for (const bit of names) {
      const tag = library.tags.get(bit.text);
      const filter = library.filters.get(bit.text);
      if (tag) this.loadedTags.set(tag.name, tag);
      if (filter) this.loadedFilters.set(filter.name, filter);
      if (!tag && !filter) this.report({ start: bit.start, end: bit.start + bit.text.length }, 'error', 'unknown-name', l10n.t("'{0}' is not a tag or filter of the library '{1}'.", bit.text, libraryName));
    }
  }

  private unknownLibrary(bit: TagBit): void {
    this.loadedUnknown = true;
    if (!this.vocabulary.complete) return;
    const suggestion = closestName(bit.text, [...this.vocabulary.libraries.keys()]);
    const message = suggestion
      ? l10n.t("'{0}' is not a registered tag library. Did you mean '{1}'?", bit.text, suggestion)
      : l10n.t("'{0}' is not a registered tag library.", bit.text);
    this.report({ start: bit.start, end: bit.start + bit.text.length }, 'error', 'unknown-library', message, suggestion ? { replacement: suggestion } : {});
  }

  /** The tag if it can be used here; reports it when it is unknown or its library is not loaded. */
  private lookupTag(token: TemplateToken, name: string): TagInfo | undefined {
    const known = this.loadedTags.get(name) ?? this.vocabulary.builtins.tags.get(name);
    if (known) return known;
    const range = { start: token.contentsStart, end: token.contentsStart + name.length };
    if (this.open.at(-1)?.opaque) return undefined;
    const libraries = this.vocabulary.librariesWithTag(name);
    if (libraries.length > 0) {
      this.notLoaded(range, 'tag', name, libraries[0].name);
      return libraries[0].tags.get(name);
    }
    if (this.mayBeUnseen() || /^end/.test(name)) return undefined;
    const candidates = [...this.vocabulary.builtins.tags.keys(), ...this.loadedTags.keys()];
    const suggestion = closestName(name, candidates);
    const message = suggestion ? l10n.t("'{0}' is not a known tag. Did you mean '{1}'?", name, suggestion) : l10n.t("'{0}' is not a known tag.", name);
    this.report(range, 'error', 'unknown-tag', message, suggestion ? { replacement: suggestion } : {});
    return undefined;
  }

  private notLoaded(range: { start: number; end: number }, kind: 'tag' | 'filter', name: string, library: string): void {
    const load = `{% load ${library} %}`;
    const message = kind === 'tag' ? l10n.t("The tag '{0}' needs {1}.", name, load) : l10n.t("The filter '{0}' needs {1}.", name, load);
    this.report(range, 'error', 'not-loaded', message, { loadFix: loadFixAfter(this.extendsEnd, library) });
  }

  private filtersCompiled(tag: TagInfo): boolean {
    if (tag.library === 'builtins' && !tag.origin.file) return FILTERING_TAGS.has(tag.name);
    if (tag.origin.module?.startsWith('django.')) return FILTERING_TAGS.has(tag.name);
    return tag.kind !== undefined && SIMPLE_KINDS.has(tag.kind);
  }

  private checkTagFilters(token: TemplateToken, name: string): void {
    const bits = splitTagContents(token).slice(1);
    if (name === 'filter') {
      const first = bits[0];
      if (first) this.checkFilters(`x|${first.text}`, first.start - 2, false);
      return;
    }
    for (const bit of bits) {
      const value = bit.text.includes('=') && /^\w+=/.test(bit.text) ? bit.text.slice(bit.text.indexOf('=') + 1) : bit.text;
      this.checkFilters(value, bit.start + (bit.text.length - value.length), false);
    }
  }

  /** Checks the filters of one filter expression (`value|f:arg|g`) that starts at `offset`. */
  private checkFilters(expression: string, offset: number, checkArguments: boolean): void {
    for (const use of filterUses(expression)) {
      const range = { start: offset + use.start, end: offset + use.start + use.name.length };
      const filter = this.loadedFilters.get(use.name) ?? this.vocabulary.builtins.filters.get(use.name);
      if (filter) {
        if (checkArguments) this.checkArgument(filter, use, range);
        if (filter.versions?.removed && this.vocabulary.djangoVersion === undefined) this.removed(range, use.name, filter.versions.removed);
        continue;
      }
      const libraries = this.vocabulary.librariesWithFilter(use.name);
      if (libraries.length > 0) this.notLoaded(range, 'filter', use.name, libraries[0].name);
      else if (!this.mayBeUnseen()) {
        const suggestion = closestName(use.name, [...this.vocabulary.builtins.filters.keys(), ...this.loadedFilters.keys()]);
        const message = suggestion ? l10n.t("'{0}' is not a known filter. Did you mean '{1}'?", use.name, suggestion) : l10n.t("'{0}' is not a known filter.", use.name);
        this.report(range, 'error', 'unknown-filter', message, suggestion ? { replacement: suggestion } : {});
      }
    }
  }

  private checkArgument(filter: FilterInfo, use: FilterUse, range: { start: number; end: number }): void {
    if (filter.argument === 'required' && !use.hasArgument) {
      this.report(range, 'error', 'filter-argument', l10n.t("The filter '{0}' needs an argument: {1}.", filter.name, `${filter.name}:${filter.argumentName ?? 'value'}`));
    } else if (filter.argument === 'none' && use.hasArgument) {
      this.report(range, 'error', 'filter-argument', l10n.t("The filter '{0}' takes no argument.", filter.name));
    }
  }
}

/** `{% load library %}` on its own line: after `{% extends %}` (which must stay first), else at the top. */
function loadFixAfter(extendsEnd: number | undefined, library: string): LoadFix {
  return { library, offset: extendsEnd ?? 0, text: extendsEnd === undefined ? `{% load ${library} %}\n` : `\n{% load ${library} %}` };
}

/** Where to add `{% load library %}` to a template. */
export function loadInsertion(text: string, library: string): LoadFix {
  const extendsTag = parsedBlockTags(lexTemplate(text)).find((token) => tagName(token) === 'extends');
  return loadFixAfter(extendsTag?.end, library);
}

interface FilterUse {
  readonly name: string;
  /** Offset of the name in the expression. */
  readonly start: number;
  readonly hasArgument: boolean;
}

/** The filters applied in a filter expression, skipping `|` inside quoted strings. */
export function filterUses(expression: string): FilterUse[] {
  const uses: FilterUse[] = [];
  let i = 0;
  while (i < expression.length) {
    const char = expression[i];
    if (char === '"' || char === "'") {
      i = skipString(expression, i);
      continue;
    }
    if (char === '|') {
      const match = /^\s*(\w+)(\s*:)?/.exec(expression.slice(i + 1));
      if (match) uses.push({ name: match[1], start: i + 1 + match[0].indexOf(match[1]), hasArgument: match[2] !== undefined });
    }
    i += 1;
  }
  return uses;
}

function skipString(text: string, from: number): number {
  const quote = text[from];
  for (let i = from + 1; i < text.length; i++) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === quote) return i + 1;
  }
  return text.length;
}

/** Every problem Django's parser would raise, plus names of templates that do not exist. */
export function checkTemplate(text: string, options: CheckOptions): TemplateProblem[] {
  const checker = new TemplateChecker(options);
  checker.run(text);
  return checker.problems.sort((a, b) => a.start - b.start);
}
