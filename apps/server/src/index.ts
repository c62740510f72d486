export { startServer, EMBEDDED_DERIVED_FILE, EMBEDDED_STORE_FILE } from './start-server.ts';
export type { RunningServer } from './start-server.ts';
export { readServerConfig } from './read-server-config.ts';
export type { ServerFlags } from './read-server-config.ts';
export { DEFAULT_DATA_DIR, DEFAULT_LISTEN, DEFAULT_UDP, formatHostPort, parseHostPort } from './server-config.ts';
export type { HostPort, ServerConfig } from './server-config.ts';
export { consoleRoutes } from './console-routes.ts';
