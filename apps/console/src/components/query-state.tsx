import type { ReactNode } from 'react';
import { XRayApiError } from '../api/xray-client.ts';

/** A failed request, said plainly: what failed, the server's words, and what to try. */
export function ErrorBox({ error, what }: { error: unknown; what: string }) {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof XRayApiError ? error.code : undefined;
  const hint =
    error instanceof XRayApiError && error.status === 0
      ? 'Start it with `roentgen start` and reload.'
      : error instanceof XRayApiError && error.code === 'UnknownOperationException'
        ? 'This server does not serve that action yet; upgrade Roentgen.'
        : undefined;
  return (
    <div className="error-box" role="alert">
      <strong>Could not load {what}.</strong> {code && <span className="mono">{code}: </span>}
      <span className="pre-wrap">{message}</span>
      {hint && <div>{hint}</div>}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

/** The empty state: says why nothing is shown and what to do about it. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="empty-state">
      <h2>{title}</h2>
      {children}
    </div>
  );
}

/** The daemon address instrumented applications should send to, as this page was served. */
export function daemonAddress(): string {
  return `udp://${window.location.hostname || '127.0.0.1'}:2000`;
}

/** The standard "no traces" text used by every page. */
export function NoTracesHelp() {
  return (
    <p>
      No traces yet: point your SDK at <code>{daemonAddress()}</code> (set <code>AWS_XRAY_DAEMON_ADDRESS</code>, or the
      port given to <code>roentgen start --udp</code>), or send OTLP to <code>{window.location.origin}/v1/traces</code>.
      Try <code>npm start</code> for the demo.
    </p>
  );
}
