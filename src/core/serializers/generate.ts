import type { DjangoModel, ModelField, ModelsReading } from '../models/types';
import type { GeneratedModule, PythonBlock, PythonImport, UrlPattern } from './python';

export type ViewStyle = 'apiview' | 'viewset';

export interface GenerateOptions {
  /** Names of the models to generate for; all concrete models when absent or empty. */
  readonly models?: readonly string[];
  /** Views get a list action that serializes the queryset with `many=True`. */
  readonly many: boolean;
  /** Views get a PATCH action that validates with `partial=True`. */
  readonly partial: boolean;
  readonly views?: ViewStyle;
  readonly urls: boolean;
  /** Relations to a model that has a serializer are shown nested (read) and written by key. */
  readonly nested: boolean;
  /** Serializer classes the app's serializers.py already defines, usable for nesting. */
  readonly existingSerializers?: ReadonlySet<string>;
}

export interface Generation {
  readonly models: readonly DjangoModel[];
  readonly files: readonly GeneratedModule[];
  readonly warnings: readonly string[];
}

const AUTO_FIELDS = new Set(['AutoField', 'BigAutoField', 'SmallAutoField']);

/** Serializers (and, when asked, views and urls) for the chosen models of one app. */
export function generate(reading: ModelsReading, options: GenerateOptions): Generation {
  const { models, warnings } = chooseModels(reading, options.models ?? []);
  if (models.length === 0) return { models, files: [], warnings };
  const ordered = options.nested ? dependencyOrder(models) : models;
  const files: GeneratedModule[] = [serializersModule(ordered, reading, options)];
  if (options.views) {
    files.push(options.views === 'viewset' ? viewSetModule(ordered, options) : apiViewModule(ordered, options));
    if (options.urls) files.push(urlsModule(ordered, options.views));
  }
  return { models: ordered, files, warnings };
}

function chooseModels(reading: ModelsReading, names: readonly string[]): { models: DjangoModel[]; warnings: string[] } {
  const concrete = reading.models.filter((m) => !m.abstract);
  if (names.length === 0) return { models: concrete, warnings: [] };
  const warnings: string[] = [];
  for (const name of names) {
    const model = reading.models.find((m) => m.name === name);
    if (!model) warnings.push(`no model named ${name}`);
    else if (model.abstract) warnings.push(`${name} is abstract: it has no table, so no serializer`);
  }
  return { models: concrete.filter((m) => names.includes(m.name)), warnings };
}

/** The last part of a relation target, when it names a model of this app. */
function relatedModel(field: ModelField, models: ReadonlyMap<string, DjangoModel>): DjangoModel | undefined {
  const target = field.relation?.target;
  if (!target || target === 'self') return undefined;
  return models.get(target.slice(target.lastIndexOf('.') + 1));
}

function byName(models: readonly DjangoModel[]): Map<string, DjangoModel> {
  return new Map(models.map((m) => [m.name, m]));
}

/** Related models before the models that nest them, so every nested serializer is already defined. */
function dependencyOrder(models: readonly DjangoModel[]): DjangoModel[] {
  const ordered: DjangoModel[] = [];
  const visiting = new Set<DjangoModel>();
  const named = byName(models);
  const visit = (model: DjangoModel) => {
    if (visiting.has(model)) return;
    visiting.add(model);
    for (const field of model.fields) {
      const related = relatedModel(field, named);
      if (related) visit(related);
    }
    ordered.push(model);
  };
  models.forEach(visit);
  return ordered;
}

function serializerName(model: DjangoModel | string): string {
  return `${typeof model === 'string' ? model : model.name}Serializer`;
}

function isReadOnly(field: ModelField): boolean {
  return (
    field.implicit === true ||
    (field.options.primaryKey && AUTO_FIELDS.has(field.fieldClass)) ||
    field.options.autoNow ||
    field.options.autoNowAdd ||
    !field.options.editable ||
    (field.relation?.kind === 'many-to-many' && field.relation.through !== undefined)
  );
}

function serializersModule(models: readonly DjangoModel[], reading: ModelsReading, options: GenerateOptions): GeneratedModule {
  const available = new Set(options.existingSerializers ?? []);
  const imported = new Set(models);
  const blocks: PythonBlock[] = [];
  const all = byName(reading.models);
  for (const model of models) {
    const nesting = options.nested ? nestedFields(model, all, available) : [];
    for (const nested of nesting) imported.add(nested.target);
    blocks.push({ kind: 'definition', key: serializerName(model), code: serializerClass(model, nesting) });
    available.add(serializerName(model));
  }
  return { fileName: 'serializers.py', imports: [{ module: 'rest_framework', names: ['serializers'] }, ...modelImports([...imported])], blocks };
}

/** `from .models import A, B`, and `from .models.drafts import C` for a class the package does not re-export. */
function modelImports(models: readonly DjangoModel[]): PythonImport[] {
  const byModule = new Map<string, string[]>();
  for (const model of models) {
    const names = byModule.get(model.module);
    if (names) names.push(model.name);
    else byModule.set(model.module, [model.name]);
  }
  return [...byModule].map(([module, names]) => ({ module, names }));
}

interface NestedField {
  readonly field: ModelField;
  /** The related model, whose serializer shows the field. */
  readonly target: DjangoModel;
}

function nestedFields(model: DjangoModel, all: ReadonlyMap<string, DjangoModel>, available: ReadonlySet<string>): NestedField[] {
  return model.fields.flatMap((field) => {
    const related = relatedModel(field, all);
    return related && available.has(serializerName(related)) ? [{ field, target: related }] : [];
  });
}

function serializerClass(model: DjangoModel, nesting: readonly NestedField[]): string {
  const declared = nesting.flatMap(nestedDeclarations);
  const fields = model.fields.filter((f) => !f.generic);
  const nestedBy = new Map(nesting.map((nested) => [nested.field, nested]));
  const names = fields.flatMap((field) => {
    const nested = nestedBy.get(field);
    return nested ? declaredNames(nested) : [field.name];
  });
  const readOnly = fields.filter((f) => isReadOnly(f) && !nestedBy.has(f)).map((f) => f.name);
  const lines = [`class ${serializerName(model)}(serializers.ModelSerializer):`, ...leftOutNotes(model)];
  for (const declaration of declared) lines.push(`    ${declaration}`);
  if (declared.length > 0) lines.push('');
  lines.push('    class Meta:', `        model = ${model.name}`, pythonList('        fields', names));
  if (readOnly.length > 0) lines.push(pythonList('        read_only_fields', readOnly));
  return lines.join('\n');
}

/** Comments for what the serializer could not list, so the user knows what to add. */
function leftOutNotes(model: DjangoModel): string[] {
  const notes = model.fields
    .filter((f) => f.generic)
    .map(
      (f) =>
        `    # ${f.name} (${f.fieldClass}) is left out: it has no column and ModelSerializer has no field for it.\n` +
        `    # To show it, declare it here, for example with serializers.SerializerMethodField().`,
    );
  if (model.unreadBases) {
    notes.push(`    # The fields of ${model.unreadBases.join(', ')} (from outside this app) could not be read: add them to fields.`);
  }
  return notes;
}

function writeFieldName(nested: NestedField): string {
  return nested.field.relation?.kind === 'many-to-many' ? `${nested.field.name}_ids` : `${nested.field.name}_id`;
}

function isWritableRelation(nested: NestedField): boolean {
  return nested.field.options.editable && nested.field.relation?.through === undefined;
}

function declaredNames(nested: NestedField): string[] {
  return isWritableRelation(nested) ? [nested.field.name, writeFieldName(nested)] : [nested.field.name];
}

/** A nested read-only representation, and a primary-key field to write the relation with. */
function nestedDeclarations(nested: NestedField): string[] {
  const { field, target } = nested;
  const many = field.relation?.kind === 'many-to-many';
  const read = `${field.name} = ${serializerName(target)}(${many ? 'many=True, ' : ''}read_only=True)`;
  if (!isWritableRelation(nested)) return [read];
  const args = [`source="${field.name}"`, `queryset=${target.name}.${target.manager}.all()`];
  if (many) args.push('many=True');
  if (field.options.null && !many) args.push('allow_null=True');
  if (field.options.null || field.options.blank || field.options.default !== undefined) args.push('required=False');
  args.push('write_only=True');
  return [read, pythonCall(`${writeFieldName(nested)} = serializers.PrimaryKeyRelatedField`, args, '    ')];
}

/** A call on one line when it fits in 99 columns once indented, else one argument a line. */
function pythonCall(callee: string, args: readonly string[], indent: string): string {
  const oneLine = `${callee}(${args.join(', ')})`;
  if (indent.length + oneLine.length <= 99) return oneLine;
  return `${callee}(\n${args.map((arg) => `${indent}    ${arg},\n`).join('')}${indent})`;
}

/** `name = ["a", "b"]` on one line when it fits in 99 columns, else one item a line. */
function pythonList(assignment: string, items: readonly string[]): string {
  const quoted = items.map((item) => `"${item}"`);
  const oneLine = `${assignment} = [${quoted.join(', ')}]`;
  if (oneLine.length <= 99) return oneLine;
  const indent = assignment.match(/^\s*/)?.[0] ?? '';
  return `${assignment} = [\n${quoted.map((q) => `${indent}    ${q},\n`).join('')}${indent}]`;
}

/** Naming shared by views and urls. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

export function plural(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** The names a model's view code uses, worked out once per model. */
interface ViewNames {
  readonly model: string;
  /** The model's manager, as `model.manager`. */
  readonly rows: string;
  readonly serializer: string;
  /** The local variable for one instance. */
  readonly instance: string;
  /** The local variable for the queryset. */
  readonly collection: string;
}

// Locals of the generated methods that a model's own name must not shadow.
const TAKEN = new Set(['request', 'serializer', 'self', 'pk']);

// What views.py imports besides the models; a model of the same name must not hide it.
const VIEW_IMPORTS = new Set(['get_object_or_404', 'status', 'viewsets', 'Response', 'APIView']);

// Python's keywords, soft ones included (`match`, `case`, `type`, `_`), which no generated local may be.
const KEYWORDS = new Set(
  ('False None True and as assert async await break class continue def del elif else except finally for from global if ' +
    'import in is lambda nonlocal not or pass raise return try while with yield match case type _').split(' '),
);

const IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u;

/** A model called `Response`, say, is reached through the models module instead of imported. */
function modelsThroughModule(models: readonly DjangoModel[]): boolean {
  return models.some((m) => VIEW_IMPORTS.has(m.name));
}

/** Every name views.py binds or reads at module level, which a local must not shadow. */
function moduleNames(models: readonly DjangoModel[]): Set<string> {
  return new Set([...TAKEN, ...VIEW_IMPORTS, 'models', ...models.flatMap((m) => [m.name, serializerName(m)])]);
}

/** `wanted` when it is a usable local; otherwise it with `suffix` (and underscores) until it is. */
export function localName(wanted: string, suffix: string, taken: ReadonlySet<string>): string {
  const usable = (name: string) => IDENTIFIER.test(name) && !KEYWORDS.has(name) && !taken.has(name);
  if (usable(wanted)) return wanted;
  let name = IDENTIFIER.test(`${wanted}_${suffix}`) ? `${wanted}_${suffix}` : suffix;
  while (!usable(name)) name = `${name}_`;
  return name;
}

function viewNames(model: DjangoModel, throughModule: boolean, taken: ReadonlySet<string>): ViewNames {
  const snake = snakeCase(model.name);
  const reference = throughModule && model.module === '.models' ? `models.${model.name}` : model.name;
  return {
    model: reference,
    rows: `${reference}.${model.manager}`,
    serializer: serializerName(model),
    instance: localName(snake, 'obj', taken),
    collection: localName(plural(snake), 'list', taken),
  };
}

/** The method bodies both view styles share. */
const body = {
  list: (n: ViewNames) => [
    `${n.collection} = ${n.rows}.all()`,
    `serializer = ${n.serializer}(${n.collection}, many=True)`,
    'return Response(serializer.data)',
  ],
  create: (n: ViewNames) => [
    `serializer = ${n.serializer}(data=request.data)`,
    'serializer.is_valid(raise_exception=True)',
    'serializer.save()',
    'return Response(serializer.data, status=status.HTTP_201_CREATED)',
  ],
  retrieve: (n: ViewNames) => [
    `${n.instance} = get_object_or_404(${n.model}, pk=pk)`,
    `serializer = ${n.serializer}(${n.instance})`,
    'return Response(serializer.data)',
  ],
  update: (n: ViewNames, partial: boolean) => [
    `${n.instance} = get_object_or_404(${n.model}, pk=pk)`,
    `serializer = ${n.serializer}(${n.instance}, data=request.data${partial ? ', partial=True' : ''})`,
    'serializer.is_valid(raise_exception=True)',
    'serializer.save()',
    'return Response(serializer.data)',
  ],
};

function method(signature: string, lines: readonly string[]): string {
  return [`    def ${signature}:`, ...lines.map((line) => `        ${line}`)].join('\n');
}

function classCode(header: string, methods: readonly string[]): string {
  return [header, methods.join('\n\n')].join('\n');
}

export function listViewName(model: DjangoModel): string {
  return `${model.name}List`;
}

export function detailViewName(model: DjangoModel): string {
  return `${model.name}Detail`;
}

export function viewSetName(model: DjangoModel): string {
  return `${model.name}ViewSet`;
}

function viewImports(models: readonly DjangoModel[], framework: PythonImport[]): PythonImport[] {
  // Through the models module only what it re-exports; the rest comes from its own module.
  const throughModule = modelsThroughModule(models);
  const direct = throughModule ? models.filter((m) => m.module !== '.models') : models;
  return [
    { module: 'django.shortcuts', names: ['get_object_or_404'] },
    ...framework,
    { module: 'rest_framework.response', names: ['Response'] },
    ...(throughModule ? [{ module: '.', names: ['models'] }] : []),
    ...modelImports(direct),
    { module: '.serializers', names: models.map(serializerName) },
  ];
}

function apiViewModule(models: readonly DjangoModel[], options: GenerateOptions): GeneratedModule {
  const throughModule = modelsThroughModule(models);
  const taken = moduleNames(models);
  const blocks = models.flatMap((m): PythonBlock[] => {
    const n = viewNames(m, throughModule, taken);
    const collection = [
      ...(options.many ? [method('get(self, request)', body.list(n))] : []),
      method('post(self, request)', body.create(n)),
    ];
    const detail = [
      method('get(self, request, pk)', body.retrieve(n)),
      method('put(self, request, pk)', body.update(n, false)),
      ...(options.partial ? [method('patch(self, request, pk)', body.update(n, true))] : []),
    ];
    return [
      { kind: 'definition', key: listViewName(m), code: classCode(`class ${listViewName(m)}(APIView):`, collection) },
      { kind: 'definition', key: detailViewName(m), code: classCode(`class ${detailViewName(m)}(APIView):`, detail) },
    ];
  });
  const framework = [
    { module: 'rest_framework', names: ['status'] },
    { module: 'rest_framework.views', names: ['APIView'] },
  ];
  return { fileName: 'views.py', imports: viewImports(models, framework), blocks };
}

function viewSetModule(models: readonly DjangoModel[], options: GenerateOptions): GeneratedModule {
  const throughModule = modelsThroughModule(models);
  const taken = moduleNames(models);
  const blocks = models.map((m): PythonBlock => {
    const n = viewNames(m, throughModule, taken);
    const methods = [
      ...(options.many ? [method('list(self, request)', body.list(n))] : []),
      method('create(self, request)', body.create(n)),
      method('retrieve(self, request, pk=None)', body.retrieve(n)),
      method('update(self, request, pk=None)', body.update(n, false)),
      ...(options.partial ? [method('partial_update(self, request, pk=None)', body.update(n, true))] : []),
    ];
    return { kind: 'definition', key: viewSetName(m), code: classCode(`class ${viewSetName(m)}(viewsets.ViewSet):`, methods) };
  });
  const framework = [{ module: 'rest_framework', names: ['status', 'viewsets'] }];
  return { fileName: 'views.py', imports: viewImports(models, framework), blocks };
}

/** The path converter that matches the model's primary key. */
function pkConverter(model: DjangoModel): string {
  const pk = model.fields.find((f) => f.name === model.pk);
  // A key declared by a base that could not be read may be anything: `str` matches every key.
  if (!pk && model.unreadBases) return 'str';
  if (!pk || pk.implicit || AUTO_FIELDS.has(pk.fieldClass) || /Integer/.test(pk.fieldClass)) return 'int';
  return pk.fieldClass === 'UUIDField' ? 'uuid' : 'str';
}

function urlPrefix(model: DjangoModel): string {
  return plural(snakeCase(model.name)).replace(/_/g, '-');
}

/** DRF's own default basename: the model name in lower case. */
function basename(model: DjangoModel): string {
  return model.name.toLowerCase();
}

function urlsModule(models: readonly DjangoModel[], style: ViewStyle): GeneratedModule {
  if (style === 'viewset') {
    const registrations = models.map((m): PythonBlock => ({
      kind: 'statement',
      key: viewSetName(m),
      code: `router.register("${urlPrefix(m)}", views.${viewSetName(m)}, basename="${basename(m)}")`,
    }));
    return {
      fileName: 'urls.py',
      imports: [
        { module: 'django.urls', names: ['include', 'path'] },
        { module: 'rest_framework.routers', names: ['DefaultRouter'] },
        { module: '.', names: ['views'] },
      ],
      blocks: [{ kind: 'definition', key: 'router', code: 'router = DefaultRouter()' }, ...registrations],
      urlpatterns: [{ key: 'router.urls', code: 'path("", include(router.urls))' }],
    };
  }
  const urlpatterns = models.flatMap((m): UrlPattern[] => [
    { key: listViewName(m), code: `path("${urlPrefix(m)}/", views.${listViewName(m)}.as_view(), name="${basename(m)}-list")` },
    {
      key: detailViewName(m),
      code: `path("${urlPrefix(m)}/<${pkConverter(m)}:pk>/", views.${detailViewName(m)}.as_view(), name="${basename(m)}-detail")`,
    },
  ]);
  return {
    fileName: 'urls.py',
    imports: [
      { module: 'django.urls', names: ['path'] },
      { module: '.', names: ['views'] },
    ],
    blocks: [],
    urlpatterns,
  };
}
