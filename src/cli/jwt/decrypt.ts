import { DecryptionError, type DecryptionKeyType, decryptToken } from '../../core/jwt';
import { type CliIO, UsageError } from '../command';
import { handleTokenErrors, parse, readArgument, readToken, secretEncodingOption, text } from './input';

const KEY_TYPES: readonly DecryptionKeyType[] = ['secret', 'pem', 'jwk'];

export async function decryptCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    key: { type: 'string' },
    'key-type': { type: 'string' },
    'secret-encoding': { type: 'string' },
  });
  const keyOption = text(values, 'key');
  if (keyOption === undefined) throw new UsageError('--key is required');
  const type = text(values, 'key-type');
  if (type !== undefined && !(KEY_TYPES as readonly string[]).includes(type)) throw new UsageError(`--key-type is one of ${KEY_TYPES.join(', ')}`);
  const secretEncoding = secretEncodingOption(text(values, 'secret-encoding'));
  const token = await readToken(positionals, io);
  const key = { text: await readArgument('--key', keyOption, io), type: type as DecryptionKeyType | undefined, secretEncoding };
  return handleTokenErrors(io, async () => {
    try {
      io.stdout(`${JSON.stringify(await decryptToken(token, key), null, 2)}\n`);
      return 0;
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      io.stderr(`django-kit jwt: ${error.message}\n`);
      return 1;
    }
  });
}
