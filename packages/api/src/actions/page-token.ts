import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { invalidRequest } from '../errors/api-error.ts';

/**
 * Opaque, tamper-evident `NextToken`s: the position as JSON, base64url, with an HMAC bound to the
 * action and to a fingerprint of the request (so a token from another query is refused cleanly).
 * The key is per process: tokens do not survive a restart, which X-Ray's do not promise either.
 */
export class PageTokens {
  constructor(private readonly key: Buffer = randomBytes(32)) {}

  /** Makes a token for `position` of the request identified by `scope`. */
  issue(scope: string, position: unknown): string {
    const payload = Buffer.from(JSON.stringify(position)).toString('base64url');
    return `${payload}.${this.sign(scope, payload)}`;
  }

  /** Reads a token back; a malformed, foreign or altered token is an InvalidRequestException. */
  read<T>(scope: string, token: string): T {
    const [payload, signature] = token.split('.');
    if (!payload || !signature || token.split('.').length !== 2) throw badToken();
    const expected = Buffer.from(this.sign(scope, payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw badToken();
    try {
      return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as T;
    } catch {
      throw badToken();
    }
  }

  private sign(scope: string, payload: string): string {
    return createHmac('sha256', this.key).update(scope).update('\n').update(payload).digest('base64url').slice(0, 32);
  }
}

function badToken(): Error {
  return invalidRequest(
    'NextToken is not valid for this request: pass back exactly the token of the previous page, with the same other members.',
  );
}
