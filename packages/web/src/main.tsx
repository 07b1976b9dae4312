import { createRoot } from 'react-dom/client';
import { App } from './app';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  // No StrictMode: the client owns a socket and a database whose lifetime follows the session.
  <App />,
);

// The service worker caches the app shell; in development Vite serves modules it must not cache.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => console.warn('tessera: service worker not registered', error));
  });
}
