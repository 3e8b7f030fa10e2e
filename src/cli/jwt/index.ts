import { isUnreadable, reportToken } from '../../core/jwt';
import { type CliCommand, type CliIO, UsageError } from '../command';
import { handleTokenErrors, parse, parseNow, readToken, text } from './input';
import { verify } from './verify';

const USAGE = `Usage:
  django-kit jwt decode [TOKEN|-] [--now ISO-TIME]
  django-kit jwt verify [TOKEN|-] --key <text|@file|URL> [--key-type secret|pem|jwk|jwks|oidc]
                        [--secret-encoding utf8|base64url] [--iss S] [--aud S]... [--sub S]
                        [--leeway DURATION] [--max-age DURATION] [--alg ALG]... [--now ISO-TIME]

TOKEN may carry a "Bearer " prefix; "-" or no TOKEN reads it from standard input.
decode prints {header, payload, signature, claims, warnings, ...} as JSON; exit 0, or 2 when
nothing can be decoded.
verify prints {signature, alg, expired, notYetValid, reason, claims: {ok, problems}, ...} as
JSON; exit 0 when the signature is valid and the claims pass (exp, nbf, iat with --leeway, and
whatever --iss, --aud, --sub, --max-age and --alg ask), 1 otherwise, 2 when the token or key is
malformed or unusable. A token that names an audience fails unless --aud names one of them.
--key-type is detected when omitted; a URL is a key set to fetch (jwks, the default) or an OpenID
Connect issuer (oidc): https only, or http to this machine. @file is read up to 1 MB.
DURATION is seconds, or like 30s, 15m, 2h, 7d, 1h30m. --now judges the times at another moment.`;

export const jwtCommand: CliCommand = {
  name: 'jwt',
  summary: 'Decode a JWT, or verify its signature and claims with a key',
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
    const report = reportToken(token, parseNow(text(values, 'now')), 'UTC');
    if (isUnreadable(report)) {
      io.stderr(`django-kit jwt: nothing could be decoded: ${report.errors.join('; ')}\n`);
      return 2;
    }
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  });
}
