/**
 * The current segment or subsegment, carried by `AsyncLocalStorage` through async/await, promise
 * chains, timers and callbacks. Event emitters are the exception Node cannot cover by itself: an
 * emitter's listeners run in the context of whoever calls `emit` (for a server request, the socket
 * that was created before the request's context existed). `bindEmitter` pins an emitter to a context.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventEmitter } from 'node:events';
import type { TraceEntity } from '../entity/trace-entity.ts';

const BOUND_ENTITY = Symbol('roentgen.boundEntity');
const ORIGINAL_EMIT = Symbol('roentgen.originalEmit');

interface BoundEmitter {
  [BOUND_ENTITY]?: TraceEntity;
  [ORIGINAL_EMIT]?: EventEmitter['emit'];
  emit: EventEmitter['emit'];
}

/** One tracer's context. */
export class TraceContext {
  readonly #storage = new AsyncLocalStorage<TraceEntity>();
  // One shared emit replacement per context: binding an emitter allocates no closure.
  readonly #boundEmit: EventEmitter['emit'];

  constructor() {
    const storage = this.#storage;
    this.#boundEmit = function emitInContext(this: BoundEmitter, ...args: Parameters<EventEmitter['emit']>): boolean {
      const original = this[ORIGINAL_EMIT] as EventEmitter['emit'];
      const entity = this[BOUND_ENTITY];
      if (entity === undefined) return original.apply(this, args);
      return storage.run(entity, Reflect.apply, original, this, args) as boolean;
    };
  }

  /** The entity the calling code runs under, if any. */
  current(): TraceEntity | undefined {
    return this.#storage.getStore();
  }

  /** Runs `fn` outside any entity of this context (background work that must not join a trace). */
  exit(fn: () => void): void {
    this.#storage.exit(fn);
  }

  /** Runs `fn` with `entity` as the current entity; returns what `fn` returns. */
  run<R>(entity: TraceEntity, fn: () => R): R {
    return this.#storage.run(entity, fn);
  }

  /**
   * Makes every listener of `emitter` run under `entity` (default: the current entity), however and
   * wherever `emit` is called. Rebinding replaces the entity. Returns the emitter.
   */
  bindEmitter<E extends EventEmitter>(emitter: E, entity: TraceEntity | undefined = this.current()): E {
    if (entity === undefined) return emitter;
    const target = emitter as unknown as BoundEmitter;
    if (target[ORIGINAL_EMIT] === undefined) {
      target[ORIGINAL_EMIT] = target.emit;
      target.emit = this.#boundEmit;
    }
    target[BOUND_ENTITY] = entity;
    return emitter;
  }

  /** Wraps a callback so it runs under `entity` (default: the current entity) when called later. */
  bind<A extends unknown[], R>(
    fn: (...args: A) => R,
    entity: TraceEntity | undefined = this.current(),
  ): (...args: A) => R {
    if (entity === undefined) return fn;
    const storage = this.#storage;
    return (...args: A): R => storage.run(entity, () => fn(...args));
  }
}
