// What a DRF router makes of each registered ViewSet: the routes and names of SimpleRouter's
// table (list, detail, and one per @action), read from the ViewSet's class body and its bases.
import type { SyntaxNode } from '@lezer/common';
import { callArguments, literalBoolean, literalString, type ModuleScope } from './module';

export interface ExtraAction {
  readonly method: string;
  readonly detail: boolean;
  readonly urlPath: string;
  readonly urlName: string;
}

export interface ViewSetShape {
  /** The handler methods the class has (`list`, `retrieve`…), or 'all' when a base is not known. */
  readonly methods: ReadonlySet<string> | 'all';
  readonly actions: readonly ExtraAction[];
  /** The model of `queryset = Model.objects…`, which gives the default basename. */
  readonly model: string | undefined;
  readonly lookupField: string | undefined;
  readonly lookupUrlKwarg: string | undefined;
  readonly lookupValueRegex: string | undefined;
}

/** A class found by name: its module's scope and its definition. */
export interface ClassDefinition {
  readonly scope: ModuleScope;
  readonly node: SyntaxNode;
}

// DRF's own ViewSets and mixins, by the handler methods they bring.
const DRF_BASES: Readonly<Record<string, readonly string[]>> = {
  ModelViewSet: ['list', 'create', 'retrieve', 'update', 'partial_update', 'destroy'],
  ReadOnlyModelViewSet: ['list', 'retrieve'],
  GenericViewSet: [],
  ViewSet: [],
  ViewSetMixin: [],
  ListModelMixin: ['list'],
  CreateModelMixin: ['create'],
  RetrieveModelMixin: ['retrieve'],
  UpdateModelMixin: ['update', 'partial_update'],
  DestroyModelMixin: ['destroy'],
  object: [],
};

const NO_SHAPE: ViewSetShape = { methods: new Set(), actions: [], model: undefined, lookupField: undefined, lookupUrlKwarg: undefined, lookupValueRegex: undefined };

/**
 * Reads a ViewSet class and, through `findBase`, the project's own base classes; the class's own
 * attributes win over its bases', as Python's lookup would have it.
 */
export function viewSetShape(definition: ClassDefinition, findBase: (scope: ModuleScope, base: SyntaxNode) => ClassDefinition | undefined, depth = 0): ViewSetShape {
  const { scope, node } = definition;
  const source = scope.source;
  let shape = NO_SHAPE;
  const bases = node.getChild('ArgList') ? callArguments(node, source).positional : [];
  for (const base of [...bases].reverse()) {
    const name = source.textOf(base).split('.').at(-1) ?? '';
    const found = depth < 8 ? findBase(scope, base) : undefined;
    const baseShape = found ? viewSetShape(found, findBase, depth + 1) : name in DRF_BASES ? { ...NO_SHAPE, methods: new Set(DRF_BASES[name]) } : { ...NO_SHAPE, methods: 'all' as const };
    shape = merge(shape, baseShape);
  }
  return merge(shape, ownShape(definition));
}

function merge(under: ViewSetShape, over: ViewSetShape): ViewSetShape {
  const methods = under.methods === 'all' || over.methods === 'all' ? 'all' : new Set([...under.methods, ...over.methods]);
  const actions = new Map(under.actions.map((action) => [action.method, action]));
  for (const action of over.actions) actions.set(action.method, action);
  return {
    methods,
    actions: [...actions.values()],
    model: over.model ?? under.model,
    lookupField: over.lookupField ?? under.lookupField,
    lookupUrlKwarg: over.lookupUrlKwarg ?? under.lookupUrlKwarg,
    lookupValueRegex: over.lookupValueRegex ?? under.lookupValueRegex,
  };
}

function ownShape({ scope, node }: ClassDefinition): ViewSetShape {
  const source = scope.source;
  const body = node.getChild('Body');
  const methods = new Set<string>();
  const actions: ExtraAction[] = [];
  const attributes = new Map<string, SyntaxNode>();
  for (let child = body?.firstChild ?? null; child; child = child.nextSibling) {
    if (child.name === 'DecoratedStatement') {
      const fn = child.getChild('FunctionDefinition');
      const name = fn?.getChild('VariableName');
      if (!fn || !name) continue;
      const method = source.textOf(name);
      methods.add(method);
      for (const decorator of child.getChildren('Decorator')) {
        const action = extraAction(decorator, method, scope);
        if (action) actions.push(action);
      }
    } else if (child.name === 'FunctionDefinition') {
      const name = child.getChild('VariableName');
      if (name) methods.add(source.textOf(name));
    } else if (child.name === 'AssignStatement' && child.firstChild?.name === 'VariableName' && child.lastChild) {
      attributes.set(source.textOf(child.firstChild), child.lastChild);
    }
  }
  const text = (name: string) => literalString(attributes.get(name), source);
  const queryset = attributes.get('queryset');
  return {
    methods,
    actions,
    model: queryset ? modelOfQueryset(source.textOf(queryset)) : undefined,
    lookupField: text('lookup_field'),
    lookupUrlKwarg: text('lookup_url_kwarg'),
    lookupValueRegex: text('lookup_value_regex'),
  };
}

/** `Product.objects.filter(…)` → `Product`: DRF's basename is that model's name, lower-cased. */
function modelOfQueryset(text: string): string | undefined {
  return /^([A-Za-z_]\w*)\.(objects|_default_manager)\b/.exec(text)?.[1];
}

function extraAction(decorator: SyntaxNode, method: string, scope: ModuleScope): ExtraAction | undefined {
  const source = scope.source;
  const callee = decorator.getChild('VariableName') ?? decorator.getChild('MemberExpression');
  if (!callee || source.textOf(callee).split('.').at(-1) !== 'action' || !decorator.getChild('ArgList')) return undefined;
  const args = callArguments(decorator, source);
  const detail = literalBoolean(args.keywords.get('detail'), source);
  if (detail === undefined) return undefined;
  return {
    method,
    detail,
    urlPath: literalString(args.keywords.get('url_path'), source) ?? method,
    urlName: literalString(args.keywords.get('url_name'), source) ?? method.replace(/_/g, '-'),
  };
}

export interface RouterRoute {
  readonly route: string;
  readonly name: string;
  readonly method: string | undefined;
}

const LIST_METHODS = ['list', 'create'];
const DETAIL_METHODS = ['retrieve', 'update', 'partial_update', 'destroy'];

/** SimpleRouter's routes for one registration, in its order: list, list actions, detail, detail actions. */
export function routerRoutes(prefix: string, basename: string, shape: ViewSetShape, trailingSlash: string): RouterRoute[] {
  const has = (names: readonly string[]) => shape.methods === 'all' || names.some((name) => (shape.methods as ReadonlySet<string>).has(name));
  const lookup = `(?P<${shape.lookupUrlKwarg ?? shape.lookupField ?? 'pk'}>${shape.lookupValueRegex ?? '[^/.]+'})`;
  const regex = (tail: string) => {
    const route = `^${prefix}${tail}${trailingSlash}$`;
    // DRF drops the slash after an empty prefix.
    return prefix === '' && route.startsWith('^/') ? `^${route.slice(2)}` : route;
  };
  const byName = [...shape.actions].sort((a, b) => (a.method < b.method ? -1 : 1));
  const routes: RouterRoute[] = [];
  if (has(LIST_METHODS)) routes.push({ route: regex(''), name: `${basename}-list`, method: 'list' });
  for (const action of byName.filter((a) => !a.detail)) routes.push({ route: regex(`/${action.urlPath}`), name: `${basename}-${action.urlName}`, method: action.method });
  if (has(DETAIL_METHODS)) routes.push({ route: regex(`/${lookup}`), name: `${basename}-detail`, method: 'retrieve' });
  for (const action of byName.filter((a) => a.detail)) routes.push({ route: regex(`/${lookup}/${action.urlPath}`), name: `${basename}-${action.urlName}`, method: action.method });
  return routes;
}

/** The variant DRF's format_suffix_patterns adds beside a route (`.json`, `.api`). */
export function formatSuffixRoute(route: string): string {
  if (route.endsWith('$')) return `${route.slice(0, -1).replace(/\/$/, '')}\\.(?P<format>[a-z0-9]+)/?$`;
  return `${route.replace(/\/$/, '')}.<drf_format_suffix:format>`;
}
