import { type ClaimExpectations, type KeyInput, KeyError, TokenError, type VerificationResult, verifyToken } from '../../core/jwt';
import type { Log } from '../../services/log';

/** Bad tokens and keys are the user's input: they become a message on the panel, not an error dialog. */
export async function verifyOrExplain(token: string, key: KeyInput, log: Log, expect: ClaimExpectations = {}): Promise<{ result?: VerificationResult; error?: string }> {
  try {
    const result = await verifyToken(token, key, { expect });
    log.debug(`JWT: signature ${result.signature} (${result.alg ?? 'no alg'}), claims ${result.claims.ok ? 'pass' : 'fail'}`);
    return { result };
  } catch (error) {
    if (error instanceof TokenError || error instanceof KeyError) return { error: error.message };
    throw error;
  }
}
