import type { PropsWithChildren } from 'react';
import { config as zodConfig } from 'zod';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/style.css';
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/style.css';
import './app.scss';
import { applyRootFontSize } from './h5/rootFontSize';

// Mini-programs forbid `new Function`; tell zod up front instead of letting it probe.
zodConfig({ jitless: true });

if (process.env.TARO_ENV === 'h5') applyRootFontSize();

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
