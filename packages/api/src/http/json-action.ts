import { invalidRequest } from '../errors/api-error.ts';
import type { ApiReply, Route, RouteHandler } from './api-types.ts';

/**
 * Adapts an X-Ray action (JSON object in, JSON object out) to a route handler. An empty body is
 * `{}` (client-xray sends none for actions without members); anything but a JSON object is an
 * InvalidRequestException that says what was wrong.
 */
export function jsonAction(
  action: (input: Record<string, unknown>) => Promise<object>,
  serialize: ReplySerializer = JSON.stringify,
): RouteHandler {
  return async (request) => {
    const input = parseJsonObject(request.body);
    const output = await action(input);
    return jsonReply(200, output, serialize);
  };
}

/** Turns an action's output into the reply body; `JSON.stringify` unless a route brings its own. */
export type ReplySerializer = (value: object) => string | Uint8Array;

/** An X-Ray action on its path: `POST path`, JSON in and out, named `action` in metrics. */
export function jsonRoute(
  path: string,
  action: string,
  handler: (input: Record<string, unknown>) => Promise<object>,
  serialize?: ReplySerializer,
): Route {
  return { method: 'POST', path, action, handler: jsonAction(handler, serialize) };
}

/** A JSON answer with X-Ray's content type. */
export function jsonReply(status: number, value: object, serialize: ReplySerializer = JSON.stringify): ApiReply {
  return { status, headers: { 'content-type': 'application/json' }, body: serialize(value) };
}

function parseJsonObject(body: Uint8Array): Record<string, unknown> {
  if (body.length === 0) return {};
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw invalidRequest('The request body is not valid UTF-8.');
  }
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalidRequest(`The request body is not valid JSON: ${(error as Error).message}.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest(
      `The request body must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}.`,
    );
  }
  return value as Record<string, unknown>;
}

/** A reply body as text, whichever form the route gave it in. */
export function replyText(body: string | Uint8Array): string {
  return typeof body === 'string' ? body : new TextDecoder().decode(body);
}
