// Reading a project's URLconfs statically, from ROOT_URLCONF down through every include(), into
// the list of URLs Django's resolver would build. Each module is parsed once and kept until its
// text changes, so reading again after an edit parses only the edited file.
import type { SyntaxNode } from '@lezer/common';
import { PythonSource } from '../syntax/python';
import { type IncludeArgument, ModuleScope, type Registration, type Router, type Site, type Value } from './module';
import { hasUnnamedGroups, joinRoute, routeParams } from './routes';
import type { UrlEntry, UrlParam, UrlReading } from './types';
import { type ClassDefinition, formatSuffixRoute, routerRoutes, viewSetShape } from './viewsets';

export interface UrlconfSources {
  /** The file of a dotted module (under the project, then site-packages), or null. */
  readonly resolveModule: (dottedModule: string) => string | null;
  /** A file's text, or undefined when it cannot be read. */
  readonly readFile: (file: string) => string | undefined;
}

/** What i18n_patterns() puts before its routes: the active language's code. */
export const LANGUAGE_PREFIX = '{language}/';

// Deeper than any real URLconf; stops include cycles.
const MAX_DEPTH = 32;

/** Where the expansion stands: the prefix and values of the enclosing includes. */
interface IncludedPatterns {
  readonly patterns?: Value;
  /** The module the patterns come from, when include() names one. */
  readonly module?: string;
  readonly appName: string | null | undefined;
  /** Set when the patterns are built at run time under this namespace (the admin's). */
  readonly opaque?: string;
  /** Why nothing could be followed. */
  readonly missing?: string;
}

interface RouterUrl {
  readonly route: string;
  readonly name: string;
  readonly view: string;
  readonly method: string | undefined;
  readonly site: Site;
}

interface Context {
  readonly route: string;
  readonly params: readonly UrlParam[];
  readonly namespaces: readonly string[];
  /** The application namespace of each of `namespaces` (app_name, else the namespace itself). */
  readonly appNamespaces: readonly string[];
  readonly depth: number;
  /** The modules being expanded, outermost first: an include of one of them is a cycle. */
  readonly modules: readonly string[];
}

/** Keeps each module's parse between readings; one reader per project. */
export class UrlconfReader {
  private readonly scopes = new Map<string, { text: string; scope: ModuleScope }>();

  /** Reads the URLconf `rootUrlconf` (dotted) and everything it includes. */
  read(rootUrlconf: string, sources: UrlconfSources): UrlReading {
    return new Expansion(this, sources).run(rootUrlconf);
  }

  /** The scope of a module's text, parsed again only when the text differs from last time. */
  scope(module: string, file: string, text: string): ModuleScope {
    const key = `${module}\0${file}`;
    const cached = this.scopes.get(key);
    if (cached?.text === text) return cached.scope;
    const scope = new ModuleScope(module, file, new PythonSource(text));
    this.scopes.set(key, { text, scope });
    return scope;
  }
}

class Expansion {
  private readonly urls: UrlEntry[] = [];
  private readonly problems: string[] = [];
  private readonly opaque = new Set<string>();
  private readonly aliases: Record<string, string> = {};
  private readonly scopes = new Map<string, ModuleScope | null>();
  /** Module files by dotted name: every view reference asks, and the answer cannot change during one reading. */
  private readonly moduleFiles = new Map<string, string | null>();

  constructor(
    private readonly reader: UrlconfReader,
    private readonly sources: UrlconfSources,
  ) {}

  run(rootUrlconf: string): UrlReading {
    const root = this.moduleScope(rootUrlconf);
    if (!root) this.problem(`ROOT_URLCONF ${rootUrlconf}: no such module in the project`);
    else this.expandModule(root, { route: '', params: [], namespaces: [], appNamespaces: [], depth: 0, modules: [rootUrlconf] });
    return { urls: this.urls, complete: this.problems.length === 0, opaqueNamespaces: [...this.opaque], aliases: this.aliases, problems: this.problems };
  }

  private problem(message: string, site?: Site): void {
    this.problems.push(site ? `${site.file}:${site.line}: ${message}` : message);
  }

  moduleScope(module: string): ModuleScope | undefined {
    if (!this.scopes.has(module)) {
      const file = this.resolveModule(module);
      const text = file === null ? undefined : this.sources.readFile(file);
      this.scopes.set(module, file === null || text === undefined ? null : this.reader.scope(module, file, text));
    }
    return this.scopes.get(module) ?? undefined;
  }

  private resolveModule(dotted: string): string | null {
    let file = this.moduleFiles.get(dotted);
    if (file === undefined) {
      file = this.sources.resolveModule(dotted);
      this.moduleFiles.set(dotted, file);
    }
    return file;
  }

  /** Follows imported names to what they are bound to in their own module. */
  private deref(value: Value, depth = 0): Value {
    if (value.kind !== 'symbol' || value.local || depth > MAX_DEPTH) return value;
    const dotted = `${value.module}.${value.name}`;
    if (this.resolveModule(dotted) !== null) return { kind: 'module', module: dotted };
    const scope = this.moduleScope(value.module);
    if (scope) {
      const bound = scope.get(value.name);
      return bound ? this.deref(bound, depth + 1) : value;
    }
    return this.attribute(value, depth);
  }

  /**
   * `owner.name` where the owner is not a module: an imported router's `urls`, or a name of a
   * module reached through a package attribute.
   */
  private attribute(value: Extract<Value, { kind: 'symbol' }>, depth: number): Value {
    const dot = value.module.lastIndexOf('.');
    if (dot < 0) return value;
    const owner = this.deref({ kind: 'symbol', module: value.module.slice(0, dot), name: value.module.slice(dot + 1), local: false }, depth + 1);
    if (owner.kind === 'router' && value.name === 'urls') return { kind: 'routerUrls', router: owner.router, site: { file: this.moduleScope(owner.router.module)?.file ?? '', line: 1 } };
    if (owner.kind === 'module') return this.deref({ kind: 'symbol', module: owner.module, name: value.name, local: false }, depth + 1);
    return value;
  }

  private expandModule(scope: ModuleScope, context: Context): void {
    const patterns = scope.get('urlpatterns');
    if (!patterns) this.problem(`${scope.module} has no urlpatterns`, { file: scope.file, line: 1 });
    else this.expand(patterns, context);
  }

  private expand(raw: Value, context: Context): void {
    if (context.depth > MAX_DEPTH) return;
    const value = this.deref(raw);
    switch (value.kind) {
      case 'patterns':
      case 'tuple':
        for (const item of value.items) this.expand(item, context);
        return;
      case 'url':
        this.addUrl(value, context);
        return;
      case 'include':
        this.expandInclude(value.route, value.regex, value.target, value.site, context);
        return;
      case 'prefixed':
        this.expand(value.items, { ...context, route: joinRoute(context.route, LANGUAGE_PREFIX) });
        return;
      case 'suffixed':
        this.expandWithSuffixes(value.items, context);
        return;
      case 'routerUrls':
        this.expandRouter(value.router, context);
        return;
      case 'opaque':
        this.opaque.add(this.fullName(context.namespaces, value.namespace));
        return;
      case 'unknown':
        this.problem(value.reason, value.site);
        return;
      default:
        this.problem(`a ${value.kind} where URL patterns were expected`);
    }
  }

  private addUrl(value: Extract<Value, { kind: 'url' }>, context: Context): void {
    if (value.name === undefined) this.problem('a URL name that is not a literal', value.site);
    const ownParams = routeParams(value.route, value.regex);
    this.urls.push({
      name: value.name ? this.namedIn(context, value.name) : null,
      route: joinRoute(context.route, value.route),
      view: this.viewPath(value.view, value.viewText),
      file: value.site.file,
      line: value.site.line,
      ...(value.name && value.nameOffset !== undefined ? { nameOffset: value.nameOffset } : {}),
      params: [...context.params, ...ownParams],
      defaults: value.defaults,
      source: 'static',
      ...(value.regex && hasUnnamedGroups(value.route) ? { positionalOnly: true } : {}),
    });
  }

  private fullName(namespaces: readonly string[], name: string): string {
    return [...namespaces, name].join(':');
  }

  /** The full name of a URL in its context, noting the application-namespace spelling when it differs. */
  private namedIn(context: Context, name: string): string {
    const full = this.fullName(context.namespaces, name);
    const byApp = this.fullName(context.appNamespaces, name);
    if (byApp !== full) this.aliases[byApp] = full;
    return full;
  }

  /** The dotted path of a view: where its function or class is defined, else the text as written. */
  private viewPath(view: Value, text: string): string {
    const target = this.deref(view);
    if (target.kind === 'symbol') return `${target.module}.${target.name}`;
    return text.replace(/\.as_view\([\s\S]*\)$/, '');
  }

  private expandInclude(route: string, regex: boolean, argument: IncludeArgument, site: Site, context: Context): void {
    const included = this.includedPatterns(argument.target, site);
    if (included.module !== undefined && context.modules.includes(included.module)) {
      this.problem(`${included.module} includes itself`, site);
      return;
    }
    const namespace = argument.namespace === null ? included.appName : argument.namespace;
    if (namespace === undefined) {
      this.problem('an include() whose namespace is not a literal', site);
      return;
    }
    const inner: Context = {
      route: joinRoute(context.route, route),
      params: [...context.params, ...routeParams(route, regex)],
      namespaces: namespace ? [...context.namespaces, namespace] : context.namespaces,
      appNamespaces: namespace ? [...context.appNamespaces, included.appName ?? namespace] : context.appNamespaces,
      depth: context.depth + 1,
      modules: included.module === undefined ? context.modules : [...context.modules, included.module],
    };
    if (included.opaque !== undefined) this.opaque.add(this.fullName(context.namespaces, namespace ?? included.opaque));
    else if (included.patterns) this.expand(included.patterns, inner);
    else if (namespace) this.opaque.add(inner.namespaces.join(':'));
    else this.problem(included.missing ?? 'an include() that cannot be followed', site);
  }

  /** What include()'s first argument names: patterns, with the app_name they come with. */
  private includedPatterns(raw: Value, site: Site): IncludedPatterns {
    const target = this.deref(raw);
    switch (target.kind) {
      case 'string':
      case 'module': {
        const module = target.kind === 'string' ? target.value : target.module;
        const scope = this.moduleScope(module);
        if (!scope) return { appName: null, missing: `include('${module}'): no such module in the project` };
        const appName = scope.get('app_name');
        const patterns = scope.get('urlpatterns');
        if (!patterns) this.problem(`${module} has no urlpatterns`, site);
        return { patterns, module, appName: appName === undefined ? null : appName.kind === 'string' ? appName.value : undefined };
      }
      case 'tuple': {
        const [first, second] = target.items;
        const appName = second ? this.deref(second) : undefined;
        const inner: IncludedPatterns = first ? this.includedPatterns(first, site) : { appName: null };
        return { ...inner, appName: appName?.kind === 'string' ? appName.value : appName === undefined ? null : undefined };
      }
      case 'opaque':
        return { appName: target.namespace, opaque: target.namespace };
      case 'patterns':
      case 'routerUrls':
      case 'suffixed':
      case 'prefixed':
        return { patterns: target, appName: null };
      default:
        return { appName: null };
    }
  }

  private expandWithSuffixes(items: Value, context: Context): void {
    const start = this.urls.length;
    this.expand(items, context);
    const plain = this.urls.splice(start);
    for (const url of plain) this.urls.push(url, withFormatSuffix(url));
  }

  private expandRouter(router: Router, context: Context): void {
    const routes: RouterUrl[] = [];
    if (router.root) {
      const site = router.registrations[0]?.site ?? { file: this.moduleScope(router.module)?.file ?? '', line: 1 };
      routes.push({ route: '^$', name: 'api-root', view: 'rest_framework.routers.APIRootView', method: undefined, site });
    }
    for (const registration of router.registrations) routes.push(...this.registrationUrls(registration, router.trailingSlash));
    // DefaultRouter passes its own routes through format_suffix_patterns, before any include prefix.
    const all = router.root ? routes.flatMap((url) => [url, { ...url, route: formatSuffixRoute(url.route), suffixed: true }]) : routes;
    for (const url of all) {
      const params = [...context.params, ...routeParams(url.route, true)];
      this.urls.push({
        name: this.namedIn(context, url.name),
        route: joinRoute(context.route, url.route),
        view: url.view,
        ...(url.method ? { viewMethod: url.method } : {}),
        file: url.site.file,
        line: url.site.line,
        params,
        defaults: [],
        source: 'static',
      });
    }
  }

  private registrationUrls(registration: Registration, trailingSlash: string): RouterUrl[] {
    const viewset = this.deref(registration.viewset);
    const definition = viewset.kind === 'symbol' && viewset.local ? this.classDefinition(viewset.module, viewset.name) : undefined;
    if (!definition || registration.prefix === undefined) {
      this.problem('a router.register() whose ViewSet cannot be read', registration.site);
      return [];
    }
    const shape = viewSetShape(definition, (scope, base) => this.baseClass(scope, base));
    const basename = registration.basename ?? shape.model?.toLowerCase();
    if (basename === undefined) {
      this.problem('a router.register() without a basename or a queryset', registration.site);
      return [];
    }
    const view = viewset.kind === 'symbol' ? `${viewset.module}.${viewset.name}` : '';
    return routerRoutes(registration.prefix, basename, shape, trailingSlash).map((route) => ({ ...route, view, site: registration.site }));
  }

  private classDefinition(module: string, name: string): ClassDefinition | undefined {
    const scope = this.moduleScope(module);
    const node = scope?.classes.get(name);
    return scope && node ? { scope, node } : undefined;
  }

  private baseClass(scope: ModuleScope, base: SyntaxNode): ClassDefinition | undefined {
    const value = this.deref(scope.evaluate(base));
    return value.kind === 'symbol' && value.local ? this.classDefinition(value.module, value.name) : undefined;
  }
}

function withFormatSuffix(url: UrlEntry): UrlEntry {
  return { ...url, route: formatSuffixRoute(url.route), params: [...url.params, { name: 'format', converter: url.route.endsWith('$') ? null : 'drf_format_suffix' }] };
}
