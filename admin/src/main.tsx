import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'antd/dist/reset.css';
import { App } from './app/App';
import { publicBoardHash } from './app/publicEntry';
import { t } from './i18n';

document.title = t('app.title');

// Before the router starts, so `/admin/public` opens the board rather than the sign-in page.
const boardHash = publicBoardHash(window.location.pathname, window.location.hash, import.meta.env.BASE_URL);
if (boardHash) window.history.replaceState(null, '', boardHash);

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
