/**
 * The one function that talks to the server: X-Ray actions are `POST /Action` with a JSON body,
 * answered with JSON, or with a 4xx/5xx carrying `x-amzn-ErrorType` and `{__type, message}`.
 */

/** An error the server answered with; `code` is X-Ray's error type (`InvalidRequestException`, …). */
export class XRayApiError extends Error {
  override readonly name = 'XRayApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Calls one action. Network failures surface as `XRayApiError` with status 0 so views can say so. */
export async function callXRay<T>(path: string, body: object, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new XRayApiError(0, 'NetworkError', `The Roentgen server did not answer ${path}: is it running?`);
  }
  const text = await response.text();
  if (!response.ok) throw errorFrom(response, text, path);
  return (text ? JSON.parse(text) : {}) as T;
}

function errorFrom(response: Response, text: string, path: string): XRayApiError {
  const headerCode = response.headers.get('x-amzn-ErrorType')?.split(':')[0];
  try {
    const body = JSON.parse(text) as { __type?: string; message?: string; Message?: string };
    const code = headerCode ?? body.__type ?? 'UnknownError';
    return new XRayApiError(response.status, code, body.message ?? body.Message ?? `${path} failed`);
  } catch {
    return new XRayApiError(response.status, headerCode ?? 'UnknownError', `${path} answered ${response.status}`);
  }
}
