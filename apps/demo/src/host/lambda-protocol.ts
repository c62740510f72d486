/**
 * The small pieces of AWS Lambda's wire protocol the host needs: function names in paths (plain or
 * ARNs, URL-encoded), ARNs, error replies `@aws-sdk/client-lambda` turns into typed exceptions
 * (`x-amzn-errortype`), and the PassThrough header.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The account every demo ARN names. */
export const DEMO_ACCOUNT_ID = '000000000000';

/** `arn:aws:lambda:REGION:ACCOUNT:function:NAME`. */
export function functionArn(region: string, name: string): string {
  return `arn:aws:lambda:${region}:${DEMO_ACCOUNT_ID}:function:${name}`;
}

/** The function name from a path segment: `checkout-fn`, or an ARN with an optional qualifier. */
export function functionNameOf(pathSegment: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathSegment);
  } catch {
    return pathSegment;
  }
  const arn = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::.*)?$/.exec(decoded);
  return arn?.[1] ?? decoded.split(':')[0] ?? decoded;
}

/**
 * What a function gets when active tracing is off (Lambda's PassThrough): the caller's Root and
 * sampling decision, but no Parent, so the function's SDK records nothing of its own.
 */
export function passThroughHeader(callerHeader: string | undefined): string | undefined {
  if (callerHeader === undefined) return undefined;
  const kept = callerHeader
    .split(';')
    .map((part) => part.trim())
    .filter((part) => /^(Root|Sampled)=/i.test(part));
  return kept.some((part) => /^Root=/i.test(part)) ? kept.join(';') : undefined;
}

/** Answers with JSON; `errorType` becomes `x-amzn-errortype`, which the AWS SDK maps to a typed exception. */
export function replyJson(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (errorType !== undefined) headers['x-amzn-errortype'] = errorType;
  res.writeHead(status, headers).end(JSON.stringify(body));
}

/** The whole request body. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
