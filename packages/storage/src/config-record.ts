/** Kinds of small durable documents the API keeps in the store. */
export type ConfigKind = 'sampling-rule' | 'group';

/** One sampling rule or group, by name; `body` is JSON text owned by the API package. */
export interface ConfigRecord {
  readonly kind: ConfigKind;
  readonly name: string;
  readonly body: string;
  /** Epoch seconds of the last change. */
  readonly modifiedAt: number;
}
