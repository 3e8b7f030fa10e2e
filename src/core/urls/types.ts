// What the URLconf reading gives every feature and the CLI: one entry per URL pattern Django would
// build, with its full name, full route, view and where it is declared.

/** A value the route captures: a path converter (`<int:pk>`) or a named regex group. */
export interface UrlParam {
  readonly name: string;
  /** The converter (`int`, `slug`, `str`…) of a path segment; null for a regex group. */
  readonly converter: string | null;
}

export interface UrlEntry {
  /** The full name with its namespaces (`shop:order-detail`), or null for an unnamed pattern. */
  readonly name: string | null;
  /** The full route: every include prefix, then the pattern's own route or regex. */
  readonly route: string;
  /** Dotted path of the view function or class; empty when it cannot be told. */
  readonly view: string;
  /** The ViewSet method a router route calls (`list`, `retrieve`, an @action), when there is one. */
  readonly viewMethod?: string;
  /** Where the pattern is declared (the path() call, or the router.register() call). */
  readonly file: string;
  /** 1-based line of that call. */
  readonly line: number;
  /** Offset in `file` of the name's own text (inside its quotes), when it is a plain literal a rename may edit. */
  readonly nameOffset?: number;
  /** The values the route captures, include prefixes first, in order. */
  readonly params: readonly UrlParam[];
  /** Names of the extra keyword arguments path() passes (reverse() accepts them too). */
  readonly defaults: readonly string[];
  /** True when a regex route captures unnamed groups only: reverse() then takes positional values the reading does not count. */
  readonly positionalOnly?: boolean;
  /** Read from the source, or only known from Django's own resolver. */
  readonly source: 'static' | 'resolver';
}

export interface UrlReading {
  readonly urls: readonly UrlEntry[];
  /**
   * False when some part could not be read statically (a name built at run time, an include whose
   * module cannot be found): an unknown name then proves nothing, so nothing is reported.
   */
  readonly complete: boolean;
  /** Namespaces whose names cannot be listed statically (the admin's), so none of their names is judged. */
  readonly opaqueNamespaces: readonly string[];
  /**
   * Names written with application namespaces (`app_name`) where an include() gives another
   * instance namespace, to the full name reverse() then finds (the last instance included).
   */
  readonly aliases: Readonly<Record<string, string>>;
  /** What could not be read, one line each (`shop/urls.py:12: …`), for the log. */
  readonly problems: readonly string[];
}
