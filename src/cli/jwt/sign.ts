import { isJsonObject, type JsonObject } from '../../core/jwt/decode';
import { isSigningAlgorithm, SIGNING_ALGORITHMS, type SigningKeyType, signToken } from '../../core/jwt';
import { type CliIO, UsageError } from '../command';
import { durationOption, handleTokenErrors, parse, readArgument, secretEncodingOption, text } from './input';

const KEY_TYPES: readonly SigningKeyType[] = ['secret', 'pem', 'jwk'];

export async function signCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    alg: { type: 'string' },
    key: { type: 'string' },
    'key-type': { type: 'string' },
    'secret-encoding': { type: 'string' },
    claims: { type: 'string' },
    header: { type: 'string' },
    exp: { type: 'string' },
    nbf: { type: 'string' },
    'no-iat': { type: 'boolean' },
    iss: { type: 'string' },
    aud: { type: 'string' },
    sub: { type: 'string' },
    jti: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const alg = text(values, 'alg');
  if (alg === undefined || !isSigningAlgorithm(alg)) throw new UsageError(`--alg is one of ${SIGNING_ALGORITHMS.join(', ')}`);
  const keyOption = text(values, 'key');
  if (keyOption === undefined) throw new UsageError('--key is required');
  const type = text(values, 'key-type');
  if (type !== undefined && !(KEY_TYPES as readonly string[]).includes(type)) throw new UsageError(`--key-type is one of ${KEY_TYPES.join(', ')}`);
  const secretEncoding = secretEncodingOption(text(values, 'secret-encoding'));
  const helpers = {
    expiresIn: durationOption('exp', text(values, 'exp')),
    notBeforeIn: durationOption('nbf', text(values, 'nbf')),
    issuedAt: values['no-iat'] !== true,
    issuer: text(values, 'iss'),
    audience: text(values, 'aud'),
    subject: text(values, 'sub'),
    jwtId: values.jti === true,
  };
  const claims = await jsonObjectOption('--claims', text(values, 'claims'), io);
  const header = await jsonObjectOption('--header', text(values, 'header'), io);
  const key = { text: await readArgument('--key', keyOption, io), type: type as SigningKeyType | undefined, secretEncoding };
  return handleTokenErrors(io, () => {
    io.stdout(`${signToken({ alg, key, claims, header, helpers }).token}\n`);
    return 0;
  });
}

async function jsonObjectOption(option: string, value: string | undefined, io: CliIO): Promise<JsonObject | undefined> {
  if (value === undefined) return undefined;
  const json = await readArgument(option, value, io);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new UsageError(`${option} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isJsonObject(parsed)) throw new UsageError(`${option} must be a JSON object`);
  return parsed;
}
