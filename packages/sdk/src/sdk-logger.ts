/**
 * Where the SDK reports its own trouble (a daemon that cannot be reached, a full queue, metadata that
 * is not JSON). The SDK never throws into the application; it tells this logger instead, once per
 * kind of problem, so a broken setup cannot flood the host's logs.
 */
export interface SdkLogger {
  warn(message: string): void;
}

/** The default: says nothing. Pass `console` (or any `{ warn }`) to hear from the SDK. */
export const silentLogger: SdkLogger = { warn: () => undefined };

/**
 * Reports each problem `code` at most once per tracer. Counting lives elsewhere (emitter stats);
 * this only keeps the log quiet after the first occurrence.
 */
export class OnceLogger {
  readonly #logger: SdkLogger;
  readonly #seen = new Set<string>();

  constructor(logger: SdkLogger) {
    this.#logger = logger;
  }

  /** Logs `message` the first time `code` is seen; later calls with the same code are dropped. */
  once(code: string, message: string): void {
    if (this.#seen.has(code)) return;
    this.#seen.add(code);
    try {
      this.#logger.warn(`[roentgen-sdk] ${message}`);
    } catch {
      // A logger that throws must not take the application down with it.
    }
  }
}
