import { isUnreadable, reportToken } from '../../core/jwt';
import { type CliCommand, type CliIO, UsageError } from '../command';
import { handleTokenErrors, parse, parseNow, readToken, text } from './input';
import { decryptCommand } from './decrypt';
import { mintCommand } from './mint';
import { signCommand } from './sign';
import { verify } from './verify';

const USAGE = `Usage:
  django-kit jwt decode [TOKEN|-] [--now ISO-TIME]
  django-kit jwt verify [TOKEN|-] --key <text|@file|URL> [--key-type secret|pem|jwk|jwks|oidc]
                        [--secret-encoding utf8|base64url] [--iss S] [--aud S]... [--sub S]
                        [--leeway DURATION] [--max-age DURATION] [--alg ALG]... [--now ISO-TIME]
  django-kit jwt sign --alg ALG --key <text|@file> [--key-type secret|pem|jwk]
                      [--secret-encoding utf8|base64url] [--claims <json|@file>] [--header <json|@file>]
                      [--exp DURATION] [--nbf DURATION] [--no-iat] [--iss S] [--aud S] [--sub S] [--jti]
  django-kit jwt mint [--project DIR] --user-id ID [--type access|refresh]
  django-kit jwt decrypt [TOKEN|-] --key <text|@file> [--key-type secret|pem|jwk]
                         [--secret-encoding utf8|base64url]

TOKEN may carry a "Bearer " prefix; "-" or no TOKEN reads it from standard input.
decode prints {header, payload, signature, claims, warnings, ...} as JSON; exit 0, or 2 when
nothing can be decoded.
verify prints {signature, alg, expired, notYetValid, reason, claims: {ok, problems}, ...} as
JSON; exit 0 when the signature is valid and the claims pass (exp, nbf, iat with --leeway, and
whatever --iss, --aud, --sub, --max-age and --alg ask), 1 otherwise, 2 when the token or key is
malformed or unusable. A token that names an audience fails unless --aud names one of them.
--key-type is detected when omitted; a URL is a key set to fetch (jwks, the default) or an OpenID
Connect issuer (oidc): https only, or http to this machine. @file is read up to 1 MB.
sign prints the token; exit 0, or 2 on bad input. ALG is HS256/384/512, RS256/384/512,
PS256/384/512, ES256/384/512 or EdDSA; the key is a secret, or a private key as PEM (PKCS#8,
PKCS#1, SEC1) or JWK. iat is now unless --no-iat; --exp and --nbf count from now; the helper
options win over the same claims in --claims.
mint prints an access (default) or refresh token as the project's SimpleJWT would issue it for
that user id, from SIMPLE_JWT read without running the settings (keys read from the environment
are looked up in .env beside manage.py or the settings); exit 0, or 2 when the settings do not
say enough (the message names the setting or variable). DIR defaults to the current folder.
decrypt opens a five-part token (JWE) and prints {header, payload, nested} as JSON: a secret
for dir and A*KW, a private key (PEM or JWK) for RSA-OAEP* and ECDH-ES*; exit 0, 1 when the
key does not decrypt it, 2 when the token or key is malformed or unusable.
DURATION is seconds, or like 30s, 15m, 2h, 7d, 1h30m. --now judges the times at another moment.`;

export const jwtCommand: CliCommand = {
  name: 'jwt',
  summary: 'Decode, verify (signature and claims), sign, mint (SimpleJWT) and decrypt JWTs',
  usage: USAGE,
  async run(args, io) {
    const [action, ...rest] = args;
    if (action === 'decode') return decode(rest, io);
    if (action === 'verify') return verify(rest, io);
    if (action === 'sign') return signCommand(rest, io);
    if (action === 'mint') return mintCommand(rest, io);
    if (action === 'decrypt') return decryptCommand(rest, io);
    throw new UsageError(action === undefined ? 'say decode, verify, sign, mint or decrypt' : `unknown action '${action}'`);
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
