/**
 * Runs async tasks one after another, in the order they were queued, so that tasks sharing one
 * DuckDB connection never interleave (an appender or transaction is per connection).
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  /** Queues `task`; resolves or rejects with it. A failed task does not stop the ones after it. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task, task);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every task queued so far has settled. */
  async drain(): Promise<void> {
    await this.#tail;
  }
}
