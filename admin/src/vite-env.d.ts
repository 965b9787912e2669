/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Origin of the BFF when it is not the page's own, e.g. `http://127.0.0.1:3000`. */
  readonly VITE_API_BASE?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
