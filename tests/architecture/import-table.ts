/**
 * Which workspace may import which: the rooms of docs/architecture.md as data. The test beside this
 * file reads every workspace's package.json and every import in its sources and fails on an edge the
 * table does not allow, on an import not declared as a dependency, and on cycles.
 */
export const importTable: Readonly<Record<string, readonly string[]>> = {
  '@roentgen/model': [],
  '@roentgen/metrics': [],
  '@roentgen/filter': ['@roentgen/model'],
  '@roentgen/sdk': ['@roentgen/model'],
  '@roentgen/storage': ['@roentgen/model'],
  '@roentgen/storage-duckdb': ['@roentgen/storage', '@roentgen/model'],
  '@roentgen/storage-clickhouse': ['@roentgen/storage', '@roentgen/model'],
  '@roentgen/service-map': ['@roentgen/model', '@roentgen/storage'],
  '@roentgen/query': ['@roentgen/filter', '@roentgen/storage', '@roentgen/service-map', '@roentgen/model'],
  '@roentgen/collector': ['@roentgen/storage', '@roentgen/model', '@roentgen/metrics'],
  '@roentgen/api': [
    '@roentgen/query',
    '@roentgen/storage',
    '@roentgen/service-map',
    '@roentgen/model',
    '@roentgen/filter',
    '@roentgen/metrics',
  ],
  '@roentgen/console': ['@roentgen/model', '@roentgen/filter', '@roentgen/api'],
  '@roentgen/demo-app': ['@roentgen/sdk'],
  // The composition root and the CLI may use anything.
  '@roentgen/server-app': ['*'],
  '@roentgen/cli-app': ['*'],
};

/** Workspaces that the console (a browser bundle) shares: they must not import `node:` modules. */
export const browserSafeWorkspaces: readonly string[] = [
  '@roentgen/model',
  '@roentgen/filter',
  '@roentgen/service-map',
];
