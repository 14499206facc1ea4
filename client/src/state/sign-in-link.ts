// The sign-in link the hub prints at start (`/?token=…`): its token is kept as the sign-in dialog keeps one, and taken
// out of the address, so that it stays neither in the address bar nor in the browser's history.
import { storeToken } from './useToken';

/** Call once, before the page renders: keeps a `?token=` of the address and removes it from there. */
export function takeSignInLink(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token === null) return;
  storeToken(token);
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}
