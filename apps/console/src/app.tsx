import { useEffect } from 'react';
import { CopyLinkButton } from './components/copy-link-button.tsx';
import { ErrorBoundary } from './components/error-boundary.tsx';
import { EmptyState } from './components/query-state.tsx';
import { ThemeToggle } from './components/theme-toggle.tsx';
import { GroupsPage } from './pages/groups/groups-page.tsx';
import { MAP_PATH } from './pages/map/url.ts';
import { MapPage } from './pages/map/map-page.tsx';
import { SamplingPage } from './pages/sampling/sampling-page.tsx';
import { TRACE_PATH_PREFIX } from './pages/trace/url.ts';
import { TracePage } from './pages/trace/trace-page.tsx';
import { TRACES_PATH } from './pages/traces/url.ts';
import { TracesPage } from './pages/traces/traces-page.tsx';
import { Link } from './routing/link.tsx';
import { CONSOLE_BASE, navigate, useLocation } from './routing/navigation.ts';

export const GROUPS_PATH = `${CONSOLE_BASE}/groups`;
export const SAMPLING_PATH = `${CONSOLE_BASE}/sampling`;

const NAV = [
  { path: MAP_PATH, label: 'Service map' },
  { path: TRACES_PATH, label: 'Traces' },
  { path: GROUPS_PATH, label: 'Groups' },
  { path: SAMPLING_PATH, label: 'Sampling rules' },
];

const TITLES: Record<string, string> = {
  [MAP_PATH]: 'Service map',
  [TRACES_PATH]: 'Traces',
  [GROUPS_PATH]: 'Groups',
  [SAMPLING_PATH]: 'Sampling rules',
};

function Page({ path, params }: { path: string; params: URLSearchParams }) {
  if (path === MAP_PATH) return <MapPage params={params} />;
  if (path === TRACES_PATH) return <TracesPage params={params} />;
  if (path.startsWith(TRACE_PATH_PREFIX) && path.length > TRACE_PATH_PREFIX.length)
    return <TracePage path={path} params={params} />;
  if (path === GROUPS_PATH) return <GroupsPage />;
  if (path === SAMPLING_PATH) return <SamplingPage />;
  return (
    <EmptyState title="There is no such page">
      <p>
        <Link href={MAP_PATH}>Open the service map</Link>
      </p>
    </EmptyState>
  );
}

/** The console shell: navigation, theme, copy-link, and the page the address names. */
export function App() {
  const { path, params } = useLocation();
  const isEntry = path === '/' || path === CONSOLE_BASE || path === `${CONSOLE_BASE}/` || path === '/index.html';
  useEffect(() => {
    if (isEntry) navigate(MAP_PATH, { replace: true });
  }, [isEntry]);
  useEffect(() => {
    document.title = `${path.startsWith(TRACE_PATH_PREFIX) ? 'Trace' : (TITLES[path] ?? 'Roentgen')} · Roentgen`;
  }, [path]);
  return (
    <>
      <header className="app-header">
        <Link href={MAP_PATH} className="brand">
          <img src="/favicon.svg" alt="" width={22} height={22} /> Roentgen
        </Link>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.path}>
                <Link href={item.path} aria-current={path === item.path ? 'page' : undefined}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-tools">
          <CopyLinkButton />
          <ThemeToggle />
        </div>
      </header>
      <main>
        <ErrorBoundary resetKey={path}>{isEntry ? null : <Page path={path} params={params} />}</ErrorBoundary>
      </main>
    </>
  );
}
