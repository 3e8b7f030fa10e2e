import path from 'node:path';
import { MintError, mintSimpleJwtToken } from '../../core/jwt/mint';
import { loadProjectJwt, ProjectFilesError } from '../../core/jwt/projectFiles';
import { type CliIO, UsageError } from '../command';
import { parse, text } from './input';

export async function mintCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    project: { type: 'string' },
    'user-id': { type: 'string' },
    type: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const userId = text(values, 'user-id');
  if (userId === undefined || userId.trim() === '') throw new UsageError('--user-id is required');
  const type = text(values, 'type') ?? 'access';
  if (type !== 'access' && type !== 'refresh') throw new UsageError('--type is access or refresh');
  const project = path.resolve(io.cwd, text(values, 'project') ?? '.');
  try {
    const { settings, environment } = loadProjectJwt(project);
    io.stdout(`${mintSimpleJwtToken(settings, environment, { userId, type }).token}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof MintError || error instanceof ProjectFilesError)) throw error;
    io.stderr(`django-kit jwt: ${error.message}\n`);
    return 2;
  }
}
