// First, before the router's module reads the address: `/admin/public` opens the public board.
import './app/redirectPublicBoard';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'antd/dist/reset.css';
import { App } from './app/App';
import { t } from './i18n';

document.title = t('app.title');

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
