import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createRota } from './api/rota.ts';
import { App } from './app/App.tsx';
import { initI18n } from './i18n/i18n.ts';
import './app/app.css';

initI18n();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App client={createRota()} />
    </StrictMode>,
  );
}
