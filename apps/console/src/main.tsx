// First, so that a trace page's data request leaves before the rest of the app is even evaluated.
import './api/early-trace-request.ts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { applyStoredTheme } from './components/theme-toggle.tsx';
import './styles/base.css';
import './styles/service-map.css';
import './styles/filter-and-histogram.css';
import './styles/traces.css';
import './styles/trace.css';
import './styles/forms.css';

applyStoredTheme();

const queryClient = new QueryClient({
  defaultOptions: {
    // The data changes only when traces arrive; people refresh on purpose (or turn auto-refresh on).
    queries: { refetchOnWindowFocus: false, staleTime: 15_000, retry: 1 },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
