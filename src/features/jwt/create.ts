import { isJsonObject, isSigningAlgorithm, type JsonObject, KeyError, parseDuration, type SignedToken, signToken } from '../../core/jwt';
import type { CreateFields } from '../../webview/jwt/protocol';

/** Input in the Create section that cannot make a token; its message is shown there. */
export class CreateFieldError extends Error {}

/** Signs what the Create section holds. Throws CreateFieldError for anything the user must fix. */
export function createToken(fields: CreateFields, now = new Date()): SignedToken {
  if (!isSigningAlgorithm(fields.alg)) throw new CreateFieldError(`${fields.alg} is not an algorithm this panel signs with.`);
  if (fields.key.trim() === '') throw new CreateFieldError('No key was given: paste an HMAC secret or a private key (PEM or JWK).');
  try {
    return signToken({
      alg: fields.alg,
      key: { text: fields.key, type: fields.keyType === 'auto' ? undefined : fields.keyType, secretEncoding: fields.secretEncoding },
      header: jsonObject('Header', fields.header),
      claims: jsonObject('Claims', fields.claims),
      helpers: {
        expiresIn: duration('Expires in', fields.expiresIn),
        notBeforeIn: duration('Not before', fields.notBefore),
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

function jsonObject(label: string, text: string): JsonObject | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CreateFieldError(`${label} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isJsonObject(value)) throw new CreateFieldError(`${label} must be a JSON object ({…}).`);
  return value;
}

function duration(label: string, text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const seconds = parseDuration(text);
  if (seconds === undefined) throw new CreateFieldError(`${label} is a duration such as 30s, 15m, 2h or 7d, not "${text.trim()}".`);
  return seconds;
}

function optional(text: string): string | undefined {
  return text.trim() === '' ? undefined : text.trim();
}
