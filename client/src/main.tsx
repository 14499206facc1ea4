// The client's entry: MapLibre's bundled worker (no CDN), the language provider, and the map page or the explorer.
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { prewarm, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import { App } from './App';
import { LanguageProvider } from './i18n/LanguageProvider';
import { takeSignInLink } from './state/sign-in-link';

setWorkerUrl(workerUrl);
// Before anything reads the token or the address (useToken, useUrlState).
takeSignInLink();

const ExplorerPage = lazy(() => import('./explorer/ExplorerPage'));
const onExplorer = window.location.pathname.replace(/\/+$/, '') === '/explorer';
// Start MapLibre's tile worker now, so its script loads and compiles while React renders and the map creates its WebGL
// context (hundreds of milliseconds in software WebGL), instead of after: the first tiles are asked for sooner.
if (!onExplorer) prewarm();

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
