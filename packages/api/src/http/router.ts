import type { Route } from './api-types.ts';

/**
 * Finds the route for a method and path: exact paths first, then the longest matching prefix
 * route (`/assets/*`). Paths are matched as sent, case-sensitively, like X-Ray's.
 */
export class Router {
  private readonly exact = new Map<string, Route>();
  private readonly prefixes: Route[] = [];

  constructor(routes: readonly Route[]) {
    for (const route of routes) this.add(route);
  }

  add(route: Route): void {
    if (route.path.endsWith('/*')) {
      this.prefixes.push(route);
      this.prefixes.sort((a, b) => b.path.length - a.path.length);
      return;
    }
    const key = `${route.method} ${route.path}`;
    if (this.exact.has(key)) throw new Error(`two routes for ${key}`);
    this.exact.set(key, route);
  }

  /** The route, or `undefined`; `allowed` lists the methods that the path does answer to (for 405). */
  find(method: string, path: string): { route: Route | undefined; allowed: string[] } {
    const route =
      this.exact.get(`${method} ${path}`) ?? this.prefixes.find((r) => r.method === method && matches(r, path));
    if (route) return { route, allowed: [] };
    const allowed = [...this.exact.values(), ...this.prefixes]
      .filter((r) => (r.path.endsWith('/*') ? matches(r, path) : r.path === path))
      .map((r) => r.method);
    return { route: undefined, allowed: [...new Set(allowed)] };
  }
}

function matches(route: Route, path: string): boolean {
  const prefix = route.path.slice(0, -1);
  return path.startsWith(prefix) || path === prefix.slice(0, -1);
}
