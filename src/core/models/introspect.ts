import path from 'node:path';
import { runProcess, SpawnError } from '../process';
import type { DjangoModel, ModelField, ModelsReading, Relation, RelationKind } from './types';

const MARK = 'DJANGO_KIT_MODELS ';

// Runs inside `manage.py shell -c`, so Django is set up with the project's own settings. It
// describes the concrete models of the app whose folder is DJANGO_KIT_APP_DIR, fields in the order
// Django keeps them (the order ModelSerializer follows), without touching the database.
const SCRIPT = `
import json, os
from django.apps import apps

target = os.path.realpath(os.environ["DJANGO_KIT_APP_DIR"])
config = next((c for c in apps.get_app_configs() if os.path.realpath(c.path) == target), None)

def default_text(field):
    if not field.has_default():
        return None
    value = field.default
    if callable(value):
        return getattr(value, "__module__", "") + "." + getattr(value, "__qualname__", repr(value))
    return repr(value)

def relation(field):
    if not field.is_relation or field.related_model is None:
        return None
    kind = "many-to-many" if field.many_to_many else "one-to-one" if field.one_to_one else "foreign-key"
    through = getattr(field.remote_field, "through", None)
    described = {"kind": kind, "target": field.related_model._meta.label}
    if field.many_to_many and through is not None and not through._meta.auto_created:
        described["through"] = through._meta.label
    return described

def describe(field):
    kind = type(field)
    return {
        "name": field.name,
        "fieldClass": kind.__name__,
        "qualifiedClass": kind.__module__ + "." + kind.__qualname__,
        "relation": relation(field),
        "implicit": bool(field.auto_created and field.primary_key),
        "options": {
            "null": field.null,
            "blank": field.blank,
            "editable": field.editable,
            "primaryKey": field.primary_key,
            "unique": field.unique,
            "autoNow": bool(getattr(field, "auto_now", False)),
            "autoNowAdd": bool(getattr(field, "auto_now_add", False)),
            "default": default_text(field),
            "choices": repr(list(field.choices)) if field.choices else None,
            "maxLength": field.max_length,
            "relatedName": getattr(field.remote_field, "related_name", None) if field.remote_field else None,
        },
    }

def is_parent_link(field):
    return field.one_to_one and getattr(field.remote_field, "parent_link", False)

def visible_pk(meta):
    pk = meta.pk
    while is_parent_link(pk):
        pk = pk.remote_field.model._meta.pk
    return pk.name

def generic(field):
    # contenttypes' virtual relations: listed so that the serializer can say it leaves them out.
    kind = type(field)
    return {
        "name": field.name,
        "fieldClass": kind.__name__,
        "qualifiedClass": kind.__module__ + "." + kind.__qualname__,
        "relation": None,
        "implicit": False,
        "generic": True,
        "options": {"editable": False},
    }

GENERIC_CLASSES = ("GenericForeignKey", "GenericRelation")

def model(cls):
    meta = cls._meta
    parents = [p.__name__ for p in meta.parents if not meta.proxy]
    # Virtual fields (a third-party field that adds columns through others) have no column of their own.
    fields = [f for f in meta.fields if f.concrete and not is_parent_link(f)] + list(meta.many_to_many)
    return {
        "name": cls.__name__,
        "proxy": meta.proxy,
        "parent": parents[0] if parents else None,
        "pk": visible_pk(meta),
        "manager": cls._default_manager.name,
        "module": import_module_of(cls),
        "fields": [describe(f) for f in fields]
        + [generic(f) for f in meta.private_fields if type(f).__name__ in GENERIC_CLASSES],
    }

def import_module_of(cls):
    # A models package that does not re-export the class: import it from where it is defined.
    if getattr(config.models_module, cls.__name__, None) is cls or not cls.__module__.startswith(config.name + "."):
        return ".models"
    return cls.__module__[len(config.name):]

models = [model(m) for m in config.get_models()] if config else None
print("${MARK}" + json.dumps({"app": config.label if config else None, "models": models}))
`;

export interface IntrospectRequest {
  readonly python: string;
  /** The manage.py of the project. */
  readonly manageFile: string;
  readonly appDir: string;
  readonly signal?: AbortSignal;
}

/** Django could not describe the models; the message says why, in a sentence. */
export class IntrospectError extends Error {}

/** The models of one app as Django itself sees them: exact fields, third-party ones included. */
export async function introspectModels(request: IntrospectRequest): Promise<ModelsReading> {
  let result;
  try {
    result = await runProcess({
      command: request.python,
      args: [request.manageFile, 'shell', '-c', SCRIPT],
      cwd: path.dirname(request.manageFile),
      env: { ...process.env, DJANGO_KIT_APP_DIR: request.appDir, PYTHONIOENCODING: 'utf-8' },
      signal: request.signal,
    });
  } catch (error) {
    if (error instanceof SpawnError) throw new IntrospectError(`the project's Python ${error.message}`);
    throw error;
  }
  if (result.cancelled) throw new IntrospectError('cancelled');
  if (result.code !== 0) throw new IntrospectError(`manage.py shell failed: ${lastLine(result.stderr) ?? `exit code ${result.code}`}`);
  return parseIntrospection(result.stdout, request.appDir);
}

function lastLine(text: string): string | undefined {
  return text.trim().split(/\r?\n/).pop() || undefined;
}

interface RawModel {
  name: string;
  proxy: boolean;
  parent: string | null;
  pk: string;
  manager: string;
  module: string;
  fields: (Omit<ModelField, 'relation' | 'line' | 'options'> & {
    relation: { kind: RelationKind; target: string; through?: string } | null;
    options: Record<string, unknown>;
  })[];
}

/** Reads the script's line out of whatever else settings or apps may print. */
export function parseIntrospection(stdout: string, appDir: string): ModelsReading {
  const line = stdout.split(/\r?\n/).find((l) => l.startsWith(MARK));
  if (!line) throw new IntrospectError('Django printed no description of the models');
  const payload = JSON.parse(line.slice(MARK.length)) as { app: string | null; models: RawModel[] | null };
  if (!payload.models) throw new IntrospectError(`no installed app has its folder at ${appDir}`);
  return { models: payload.models.map((raw) => toModel(raw, appDir)), warnings: [] };
}

function toModel(raw: RawModel, appDir: string): DjangoModel {
  return {
    name: raw.name,
    file: appDir,
    line: 0,
    abstract: false,
    proxy: raw.proxy,
    ...(raw.parent ? { parent: raw.parent } : {}),
    pk: raw.pk,
    manager: raw.manager,
    module: raw.module,
    fields: raw.fields.map(toField),
  };
}

function relationOf(raw: { kind: RelationKind; target: string; through?: string }): Relation {
  return { kind: raw.kind, target: raw.target, ...(raw.through ? { through: raw.through } : {}) };
}

function toField(raw: RawModel['fields'][number]): ModelField {
  const o = raw.options;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  return {
    name: raw.name,
    fieldClass: raw.fieldClass,
    qualifiedClass: raw.qualifiedClass,
    ...(raw.relation ? { relation: relationOf(raw.relation) } : {}),
    line: 0,
    ...(raw.implicit ? { implicit: true } : {}),
    ...(raw.generic ? { generic: true } : {}),
    options: {
      null: o.null === true,
      blank: o.blank === true,
      editable: o.editable !== false,
      primaryKey: o.primaryKey === true,
      unique: o.unique === true,
      autoNow: o.autoNow === true,
      autoNowAdd: o.autoNowAdd === true,
      ...(text(o.default) !== undefined ? { default: text(o.default) } : {}),
      ...(text(o.choices) !== undefined ? { choices: text(o.choices) } : {}),
      ...(typeof o.maxLength === 'number' ? { maxLength: o.maxLength } : {}),
      ...(text(o.relatedName) !== undefined ? { relatedName: text(o.relatedName) } : {}),
    },
  };
}
