import * as l10n from '@vscode/l10n';
import { isJsonObject, isSigningAlgorithm, type JsonObject, KeyError, parseDuration, type SignedToken, signToken } from '../../core/jwt';
import type { CreateFields } from '../../webview/jwt/protocol';

/** Input in the Create section that cannot make a token; its message is shown there. */
export class CreateFieldError extends Error {}

/** Signs what the Create section holds. Throws CreateFieldError for anything the user must fix. */
export function createToken(fields: CreateFields, now = new Date()): SignedToken {
  if (!isSigningAlgorithm(fields.alg)) throw new CreateFieldError(l10n.t('{0} is not an algorithm this panel signs with.', fields.alg));
  if (fields.key.trim() === '') throw new CreateFieldError(l10n.t('No key was given: paste an HMAC secret or a private key (PEM or JWK).'));
  try {
    return signToken({
      alg: fields.alg,
      key: { text: fields.key, type: fields.keyType === 'auto' ? undefined : fields.keyType, secretEncoding: fields.secretEncoding },
      header: jsonObject(fields.header, HEADER_PROBLEMS),
      claims: jsonObject(fields.claims, CLAIMS_PROBLEMS),
      helpers: {
        expiresIn: duration(fields.expiresIn, (text) => l10n.t('Expires in is a duration such as 30s, 15m, 2h or 7d, not "{0}".', text)),
        notBeforeIn: duration(fields.notBefore, (text) => l10n.t('Not before is a duration such as 30s, 15m, 2h or 7d, not "{0}".', text)),
        issuedAt: fields.issuedAt,
        issuer: optional(fields.issuer),
        audience: optional(fields.audience),
        subject: optional(fields.subject),
        jwtId: fields.jwtId,
      },
      now,
    });
  } catch (error) {
    if (error instanceof KeyError) throw new CreateFieldError(error.message);
    throw error;
  }
}

/** How a JSON field's complaints read, each a whole sentence that names the field. */
interface JsonProblems {
  readonly notJson: (detail: string) => string;
  readonly notObject: () => string;
}

const HEADER_PROBLEMS: JsonProblems = {
  notJson: (detail) => l10n.t('Header is not JSON: {0}', detail),
  notObject: () => l10n.t('Header must be a JSON object ({…}).'),
};

const CLAIMS_PROBLEMS: JsonProblems = {
  notJson: (detail) => l10n.t('Claims is not JSON: {0}', detail),
  notObject: () => l10n.t('Claims must be a JSON object ({…}).'),
};

function jsonObject(text: string, problems: JsonProblems): JsonObject | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CreateFieldError(problems.notJson(error instanceof Error ? error.message : String(error)));
  }
  if (!isJsonObject(value)) throw new CreateFieldError(problems.notObject());
  return value;
}

/** `wrong` words the complaint about the trimmed text, naming its field in a whole sentence. */
function duration(text: string, wrong: (text: string) => string): number | undefined {
  if (text.trim() === '') return undefined;
  const seconds = parseDuration(text);
  if (seconds === undefined) throw new CreateFieldError(wrong(text.trim()));
  return seconds;
}

function optional(text: string): string | undefined {
  return text.trim() === '' ? undefined : text.trim();
}
