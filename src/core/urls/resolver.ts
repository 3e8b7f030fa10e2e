// Asking Django's own resolver for every URL, once, with the project's interpreter: it knows what
// the static reading cannot (the admin's names, names built at run time). Only ever run for a
// trusted workspace or a CLI user who passed --python.
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import { runProcess } from '../process';
import type { UrlEntry, UrlParam, UrlReading } from './types';
import { LANGUAGE_PREFIX } from './read';

/** Django imports a whole project: generous, but a hung import must not hang the editor. */
export const RESOLVER_TIMEOUT_MS = 60_000;

const MARKER = 'DJANGO_KIT_URLS ';

// argv: project root, settings module, language prefix placeholder. Prints one marked JSON line.
const SCRIPT = String.raw`
import inspect, json, os, sys
root, settings_module, language_prefix = sys.argv[1:4]
sys.path.insert(0, root)
os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
import django
django.setup()
from django.urls import URLResolver, get_resolver
from django.urls.converters import get_converters
from django.urls.resolvers import LocalePrefixPattern, RoutePattern

converter_names = {type(c): n for n, c in get_converters().items()}

def params_of(pattern):
    if isinstance(pattern, RoutePattern):
        return [[n, converter_names.get(type(c), type(c).__name__)] for n, c in pattern.converters.items()]
    regex = getattr(pattern, "regex", None)
    if regex is None:
        return []
    return [[n, None] for n, _ in sorted(regex.groupindex.items(), key=lambda item: item[1])]

def view_of(callback):
    target = getattr(callback, "view_class", None) or getattr(callback, "cls", None) or callback
    return target, getattr(target, "__module__", "") + "." + getattr(target, "__qualname__", getattr(target, "__name__", ""))

def place_of(target):
    try:
        return inspect.getsourcefile(target) or "", inspect.getsourcelines(target)[1]
    except (TypeError, OSError):
        return "", 0

out = []
def walk(resolver, prefix, namespaces, params):
    for entry in resolver.url_patterns:
        own = language_prefix if isinstance(entry.pattern, LocalePrefixPattern) else str(entry.pattern)
        route = prefix + (own[1:] if prefix and own.startswith("^") else own)
        if isinstance(entry, URLResolver):
            inner = namespaces + [entry.namespace] if entry.namespace else namespaces
            walk(entry, route, inner, params + params_of(entry.pattern))
            continue
        target, view = view_of(entry.callback)
        file, line = place_of(target)
        name = ":".join(namespaces + [entry.name]) if entry.name else None
        out.append({"name": name, "route": route, "view": view, "file": file, "line": line, "params": params + params_of(entry.pattern), "defaults": list(entry.default_args)})

walk(get_resolver(), "", [], [])
print("${MARKER}" + json.dumps(out))
`;

export interface ResolverRequest {
  readonly python: string;
  /** The folder that holds manage.py: the root of the project's imports. */
  readonly root: string;
  readonly settingsModule: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
}

/** Runs the resolver script; throws with Django's own last error line when the project does not load. */
export async function resolverUrls(request: ResolverRequest): Promise<UrlEntry[]> {
  const timeout = AbortSignal.timeout(request.timeoutMs ?? RESOLVER_TIMEOUT_MS);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8' };
  const result = await runProcess({ command: request.python, args: ['-c', SCRIPT, request.root, request.settingsModule, LANGUAGE_PREFIX], cwd: request.root, env, signal });
  if (result.cancelled) {
    if (timeout.aborted) throw new Error(l10n.t("Django's resolver did not answer within {0} s", (request.timeoutMs ?? RESOLVER_TIMEOUT_MS) / 1000));
    throw new Error(l10n.t({ message: 'cancelled', comment: "Why asking Django's resolver stopped: the user cancelled it." }));
  }
  const line = result.stdout.split(/\r?\n/).filter((text) => text.startsWith(MARKER)).at(-1);
  if (result.code !== 0 || line === undefined) {
    // Django's own last line says why; a process that says nothing leaves only its exit code.
    const reason = result.stderr.trim().split(/\r?\n/).at(-1);
    if (reason) throw new Error(l10n.t("Django's resolver could not load the project: {0}", reason));
    throw new Error(l10n.t("Django's resolver could not load the project (exit code {0}).", String(result.code)));
  }
  return parseResolverOutput(line.slice(MARKER.length), request.root);
}

interface RawEntry {
  name: string | null;
  route: string;
  view: string;
  file: string;
  line: number;
  params: [string, string | null][];
  defaults: string[];
}

export function parseResolverOutput(json: string, root: string): UrlEntry[] {
  const raw = JSON.parse(json) as RawEntry[];
  return raw.map((entry) => ({
    name: entry.name,
    route: entry.route,
    view: entry.view,
    file: entry.file ? path.resolve(root, entry.file) : '',
    line: entry.line,
    params: entry.params.map(([name, converter]): UrlParam => ({ name, converter })),
    defaults: entry.defaults,
    source: 'resolver',
  }));
}

/**
 * The static reading completed by the resolver's names: what the source declares keeps its place
 * and line; a name only the resolver knows is added. The result is complete, since Django itself
 * has listed every name.
 */
export function mergeResolverUrls(reading: UrlReading, resolved: readonly UrlEntry[]): UrlReading {
  const known = new Set(reading.urls.map((url) => url.name).filter((name) => name !== null));
  const added = resolved.filter((url) => url.name !== null && !known.has(url.name));
  return { urls: [...reading.urls, ...added], complete: true, opaqueNamespaces: [], aliases: reading.aliases, problems: reading.problems };
}
