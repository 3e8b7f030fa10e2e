import { open } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { KeyError, TokenError } from '../../core/jwt';
import { parseDuration } from '../../core/jwt/duration';
import { type CliIO, UsageError } from '../command';

/** A key or claims file larger than this is a mistake (`@/dev/zero`), not a key. */
export const MAX_FILE_BYTES = 1024 * 1024;

export type ParsedValues = Record<string, string | string[] | boolean | undefined>;

export function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>): { values: ParsedValues; positionals: string[] } {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as { values: ParsedValues; positionals: string[] };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function text(values: ParsedValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function list(values: ParsedValues, name: string): string[] | undefined {
  const value = values[name];
  return Array.isArray(value) ? value : undefined;
}

export async function readToken(positionals: string[], io: CliIO): Promise<string> {
  if (positionals.length > 1) throw new UsageError('give one token');
  const [token] = positionals;
  return token === undefined || token === '-' ? io.readStdin() : token;
}

/** `@file` reads the value from a file, as curl does; anything else is the value itself. */
export async function readArgument(option: string, value: string, io: CliIO): Promise<string> {
  if (!value.startsWith('@')) return value;
  const file = path.resolve(io.cwd, value.slice(1));
  try {
    return await readCapped(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read the ${option} file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Reads at most the cap and one byte more, so a device or a huge file is refused without being read. */
async function readCapped(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > MAX_FILE_BYTES) throw new UsageError(`${file} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; keys and claims are far smaller, so it is not read.`);
    return buffer.subarray(0, filled).toString('utf8');
  } finally {
    await handle.close();
  }
}

export function secretEncodingOption(value: string | undefined): 'utf8' | 'base64url' | undefined {
  if (value === undefined || value === 'utf8' || value === 'base64url') return value;
  throw new UsageError('--secret-encoding is utf8 or base64url');
}

export function parseNow(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--now is not a date: ${value}`);
  return date;
}

export function durationOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = parseDuration(value);
  if (seconds === undefined) throw new UsageError(`--${name} is a duration such as 90, 30s, 15m, 2h, 7d or 1h30m, not ${JSON.stringify(value)}`);
  return seconds;
}

/** Malformed tokens and unusable keys are the user's input problems: a message and exit 2. */
export async function handleTokenErrors(io: CliIO, body: () => number | Promise<number>): Promise<number> {
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
