import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isUnreadable, KEY_TYPE_CHOICES, KeyError, type KeyTypeChoice, reportToken, TokenError, verifyToken } from '../core/jwt';
import { type CliCommand, type CliIO, UsageError } from './command';

const USAGE = `Usage:
  django-kit jwt decode [TOKEN|-] [--now ISO-TIME]
  django-kit jwt verify [TOKEN|-] --key <text|@file> [--key-type secret|pem|jwk|jwks]
                        [--secret-encoding utf8|base64url] [--now ISO-TIME]

TOKEN may carry a "Bearer " prefix; "-" or no TOKEN reads it from standard input.
decode prints {header, payload, signature, claims, warnings, ...} as JSON; exit 0, or 2 when
nothing can be decoded.
verify prints {signature, alg, expired, notYetValid, reason, ...} as JSON; exit 0 when the
signature is valid (even if the token has expired), 1 when it is invalid, 2 when the token or
key is malformed or unusable. --key-type is detected when omitted; --now judges exp and nbf at
another moment.`;

export const jwtCommand: CliCommand = {
  name: 'jwt',
  summary: 'Decode a JWT, or verify its signature with a key',
  usage: USAGE,
  async run(args, io) {
    const [action, ...rest] = args;
    if (action === 'decode') return decode(rest, io);
    if (action === 'verify') return verify(rest, io);
    throw new UsageError(action === undefined ? 'say decode or verify' : `unknown action '${action}'`);
  },
};

async function decode(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, { now: { type: 'string' } });
  const token = await readToken(positionals, io);
  return handleTokenErrors(io, () => {
    const report = reportToken(token, parseNow(values.now), 'UTC');
    if (isUnreadable(report)) {
      io.stderr(`django-kit jwt: nothing could be decoded: ${report.errors.join('; ')}\n`);
      return 2;
    }
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  });
}

async function verify(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    key: { type: 'string' },
    'key-type': { type: 'string' },
    'secret-encoding': { type: 'string' },
    now: { type: 'string' },
  });
  if (values.key === undefined) throw new UsageError('--key is required');
  const type = keyType(values['key-type']);
  const secretEncoding = values['secret-encoding'];
  if (secretEncoding !== undefined && secretEncoding !== 'utf8' && secretEncoding !== 'base64url') {
    throw new UsageError('--secret-encoding is utf8 or base64url');
  }
  const token = await readToken(positionals, io);
  const keyText = await readKey(values.key, io);
  const now = parseNow(values.now);
  return handleTokenErrors(io, async () => {
    const result = await verifyToken(token, { text: keyText, type, secretEncoding }, { now });
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    if (result.signature === 'valid') return 0;
    if (result.signature === 'invalid') return 1;
    io.stderr(`django-kit jwt: cannot check the signature: ${result.reason}\n`);
    return 2;
  });
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as { values: Record<string, string | undefined>; positionals: string[] };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function readToken(positionals: string[], io: CliIO): Promise<string> {
  if (positionals.length > 1) throw new UsageError('give one token');
  const [token] = positionals;
  return token === undefined || token === '-' ? io.readStdin() : token;
}

/** `@file` reads a key from a file, as curl does; anything else is the key itself. */
async function readKey(value: string, io: CliIO): Promise<string> {
  if (!value.startsWith('@')) return value;
  const file = path.resolve(io.cwd, value.slice(1));
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the key file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function keyType(value: string | undefined): KeyTypeChoice | undefined {
  if (value === undefined) return undefined;
  if (!(KEY_TYPE_CHOICES as readonly string[]).includes(value)) throw new UsageError(`--key-type is one of ${KEY_TYPE_CHOICES.join(', ')}`);
  return value as KeyTypeChoice;
}

function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--now is not a date: ${value}`);
  return date;
}

/** Malformed tokens and unusable keys are the user's input problems: a message and exit 2. */
async function handleTokenErrors(io: CliIO, body: () => number | Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof TokenError || error instanceof KeyError) {
      io.stderr(`django-kit jwt: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
