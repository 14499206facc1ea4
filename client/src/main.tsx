// The client's entry: MapLibre's bundled worker (no CDN), the language provider, and the map page or the explorer.
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import { App } from './App';
import { LanguageProvider } from './i18n/LanguageProvider';

setWorkerUrl(workerUrl);

const ExplorerPage = lazy(() => import('./explorer/ExplorerPage'));
const onExplorer = window.location.pathname.replace(/\/+$/, '') === '/explorer';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LanguageProvider>
      {onExplorer ? (
        <Suspense fallback={<p className="hint">…</p>}>
          <ExplorerPage />
        </Suspense>
      ) : (
        <App />
      )}
    </LanguageProvider>
  </StrictMode>,
);
