/**
 * The one way a value from outside reaches DuckDB's SQL text: as a numbered prepared-statement
 * parameter. Every builder of SQL in this package collects its values here and never splices them.
 */
import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { BOOLEAN, DOUBLE, VARCHAR } from '@duckdb/node-api';

/** Values bound to `$1`, `$2`, … of one statement, in order, with their types. */
export class SqlParams {
  readonly values: DuckDBValue[] = [];
  readonly types: DuckDBType[] = [];

  /**
   * Binds `value` and returns its placeholder (`$n`) to write into the SQL text. Numbers are bound as
   * DOUBLE unless `type` says otherwise: the driver would guess INTEGER or BIGINT for whole numbers,
   * and fail on whole numbers beyond the 64-bit range that JavaScript doubles hold.
   */
  add(value: DuckDBValue, type?: DuckDBType): string {
    this.values.push(value);
    this.types.push(type ?? typeOf(value));
    return `$${this.values.length}`;
  }
}

function typeOf(value: DuckDBValue): DuckDBType {
  if (typeof value === 'number') return DOUBLE;
  if (typeof value === 'boolean') return BOOLEAN;
  if (typeof value === 'string') return VARCHAR;
  throw new TypeError('SqlParams.add needs an explicit type for lists and other composite values');
}

/** A statement ready to run: SQL text with placeholders and the values bound to them. */
export interface SqlStatement {
  readonly sql: string;
  readonly params: SqlParams;
}

/** Builds a statement whose values are bound through the `SqlParams` handed to `build`. */
export function sqlStatement(build: (params: SqlParams) => string): SqlStatement {
  const params = new SqlParams();
  return { sql: build(params), params };
}

/**
 * A string as a SQL string literal, for the few statements DuckDB cannot prepare (`ATTACH` takes no
 * parameters). Only for the server's own configuration (file paths), never for a client's input.
 */
export function sqlStringLiteral(text: string): string {
  if (text.includes('\0')) throw new RangeError('a SQL string literal cannot hold a NUL character');
  return `'${text.replaceAll("'", "''")}'`;
}
