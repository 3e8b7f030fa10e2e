import {
  type ClaimExpectations,
  detectKeyKind,
  fetchKeySet,
  isAccepted,
  JwksFetchError,
  KEY_TYPE_CHOICES,
  type KeyInput,
  type KeyTypeChoice,
  verifyToken,
} from '../../core/jwt';
import { type CliIO, UsageError } from '../command';
import { durationOption, handleTokenErrors, list, parse, parseNow, readArgument, readToken, secretEncodingOption, text } from './input';

const VERIFY_KEY_TYPES = [...KEY_TYPE_CHOICES, 'oidc'] as const;

export async function verify(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    key: { type: 'string' },
    'key-type': { type: 'string' },
    'secret-encoding': { type: 'string' },
    now: { type: 'string' },
    iss: { type: 'string' },
    aud: { type: 'string', multiple: true },
    sub: { type: 'string' },
    leeway: { type: 'string' },
    'max-age': { type: 'string' },
    alg: { type: 'string', multiple: true },
  });
  const keyOption = text(values, 'key');
  if (keyOption === undefined) throw new UsageError('--key is required');
  const type = keyType(text(values, 'key-type'));
  const secretEncoding = secretEncodingOption(text(values, 'secret-encoding'));
  const expect = expectations(values);
  const now = parseNow(text(values, 'now'));
  const token = await readToken(positionals, io);
  const keyText = await readArgument('--key', keyOption, io);
  const key = await resolveKey(keyText, type, secretEncoding, io);
  if (!key) return 2;
  return handleTokenErrors(io, async () => {
    const result = await verifyToken(token, key, { now, expect });
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    if (result.signature === 'unchecked') {
      io.stderr(`django-kit jwt: cannot check the signature: ${result.reason}\n`);
      return 2;
    }
    return isAccepted(result) ? 0 : 1;
  });
}

function keyType(value: string | undefined): KeyTypeChoice | 'oidc' | undefined {
  if (value === undefined) return undefined;
  if (!(VERIFY_KEY_TYPES as readonly string[]).includes(value)) throw new UsageError(`--key-type is one of ${VERIFY_KEY_TYPES.join(', ')}`);
  return value as KeyTypeChoice | 'oidc';
}

function expectations(values: Record<string, unknown>): ClaimExpectations {
  const parsed = values as Parameters<typeof text>[0];
  const leeway = durationOption('leeway', text(parsed, 'leeway'));
  const maxAge = durationOption('max-age', text(parsed, 'max-age'));
  const algorithms = list(parsed, 'alg')?.flatMap((entry) => entry.split(',')).map((alg) => alg.trim()).filter((alg) => alg !== '');
  return {
    issuer: text(parsed, 'iss'),
    audiences: list(parsed, 'aud'),
    subject: text(parsed, 'sub'),
    leewaySeconds: leeway,
    maxAgeSeconds: maxAge,
    algorithms: algorithms && algorithms.length > 0 ? algorithms : undefined,
  };
}

/** A URL is fetched (a key set, or an issuer's configuration with `oidc`); anything else is the key. */
async function resolveKey(keyText: string, type: KeyTypeChoice | 'oidc' | undefined, secretEncoding: 'utf8' | 'base64url' | undefined, io: CliIO): Promise<KeyInput | undefined> {
  const isUrl = detectKeyKind(keyText) === 'jwks-url';
  if (type === 'oidc' && !isUrl) throw new UsageError('--key-type oidc needs the issuer URL as --key');
  if (!isUrl || (type !== undefined && type !== 'jwks' && type !== 'oidc')) return { text: keyText, type: type === 'oidc' ? undefined : type, secretEncoding };
  try {
    const fetched = await fetchKeySet(keyText, type === 'oidc' ? 'oidc' : 'jwks');
    return { text: fetched.jwks, type: 'jwks' };
  } catch (error) {
    if (!(error instanceof JwksFetchError)) throw error;
    io.stderr(`django-kit jwt: ${error.message}\n`);
    return undefined;
  }
}
