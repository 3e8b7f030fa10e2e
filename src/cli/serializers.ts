import path from 'node:path';
import { parseArgs } from 'node:util';
import { locateModels, readSourceFiles } from '../core/models/files';
import { readModels } from '../core/models/read';
import { type ViewStyle, generate } from '../core/serializers/generate';
import { renderModule } from '../core/serializers/python';
import { type CliCommand, type CliIO, UsageError } from './command';

const USAGE = `Usage: django-kit serializers MODELS_PATH [--models A,B] [--many] [--partial] [--views apiview|viewset] [--urls] [--nested]

Prints DRF serializers for the Django models in MODELS_PATH (a models.py, a models/ package or an
app folder) to stdout. With --views (and --urls) the other files follow, each after a line
"# --- views.py ---" or "# --- urls.py ---". Warnings go to stderr; exit 2 when no model was read.

  --models A,B        Only these models (default: every concrete model)
  --many              Views get a list action serializing the queryset with many=True
  --partial           Views get a PATCH action validating with partial=True
  --views STYLE       Also generate views.py: apiview (APIView classes) or viewset (ViewSet classes)
  --urls              Also generate urls.py (needs --views)
  --nested            Show relations to models of the app through their serializers`;

function parse(args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      models: { type: 'string' },
      many: { type: 'boolean', default: false },
      partial: { type: 'boolean', default: false },
      views: { type: 'string' },
      urls: { type: 'boolean', default: false },
      nested: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError('give exactly one MODELS_PATH');
  if (values.views !== undefined && values.views !== 'apiview' && values.views !== 'viewset') {
    throw new UsageError(`--views must be apiview or viewset, not '${values.views}'`);
  }
  if (values.urls && !values.views) throw new UsageError('--urls needs --views');
  const models = values.models?.split(',').map((name) => name.trim()).filter(Boolean) ?? [];
  return { target: positionals[0], ...values, views: values.views as ViewStyle | undefined, models };
}

async function run(args: string[], io: CliIO): Promise<number> {
  const options = parse(args);
  const location = await locateModels(path.resolve(io.cwd, options.target));
  const files = await readSourceFiles(location.files);
  // Warnings name files as the user gave them, not as absolute paths.
  const reading = readModels(files.map((f) => ({ ...f, path: path.relative(io.cwd, f.path) || f.path })));
  const generation = generate(reading, options);
  const warnings = [...reading.warnings, ...generation.warnings];
  if (!options.views && (options.many || options.partial)) warnings.push('--many and --partial shape the views: add --views');
  for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
  if (generation.files.length === 0) {
    io.stderr(`django-kit serializers: no concrete model could be read from ${options.target}\n`);
    return 2;
  }
  io.stdout(generation.files.map((file, i) => (i === 0 ? '' : `# --- ${file.fileName} ---\n`) + renderModule(file)).join('\n'));
  return 0;
}

export const serializersCommand: CliCommand = {
  name: 'serializers',
  summary: 'Print DRF serializers (and views, urls) for an app\'s models',
  usage: USAGE,
  run,
};
