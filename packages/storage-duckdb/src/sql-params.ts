/**
 * The one way a value from outside reaches DuckDB's SQL text: as a numbered prepared-statement
 * parameter. Every builder of SQL in this package collects its values here and never splices them.
 */
import type { DuckDBValue } from '@duckdb/node-api';

/** Values bound to `$1`, `$2`, … of one statement, in order. Owned by the statement being built. */
export class SqlParams {
  readonly values: DuckDBValue[] = [];

  /** Binds `value` and returns its placeholder (`$n`) to write into the SQL text. */
  add(value: DuckDBValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
