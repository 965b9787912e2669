import { publicBoardHash } from './publicEntry';

// Imported first by main.tsx: the router reads the address when its module loads, so `/admin/public`
// must become `#/public` before then, or it would open the sign-in page.
const boardHash = publicBoardHash(window.location.pathname, window.location.hash, import.meta.env.BASE_URL);
if (boardHash) window.history.replaceState(null, '', boardHash);
