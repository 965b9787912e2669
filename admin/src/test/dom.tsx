import { QueryClientProvider } from '@tanstack/react-query';
import { type Role } from '@jiefang/contracts';
import { App as AntdApp, ConfigProvider } from 'antd';
import { type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { afterEach, beforeAll, vi } from 'vitest';
import { queryClient, session } from '../app/services';
import { currentLocale } from '../i18n';

/**
 * Helpers for component tests under jsdom: the app's own singletons (session, QueryClient) with `fetch`
 * stubbed by a small fake BFF, elements found by `data-testid` and waited for.
 */

export function installDom(): void {
  // Like Testing Library between its steps: updates land on their own (fetch answers, pushed events) and
  // the tests wait for what they expect to see, so React need not ask for `act` around each one.
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
  // jsdom has no pseudo-element styles; antd asks for scrollbar sizes that way.
  const computedStyle = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element) => computedStyle(element);
  if (!window.matchMedia) {
    // antd's breakpoints: answer as a wide desktop screen.
    Object.defineProperty(window, 'matchMedia', {
      configurable: true,
      value: (query: string) => ({
        matches: !/max-width/.test(query),
        media: query,
        onchange: null,
        addListener: () => undefined,
        removeListener: () => undefined,
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        dispatchEvent: () => false,
      }),
    });
  }
}

export function signIn(roles: Role[], name = '测试用户'): void {
  session.set({
    token: `tok-${roles.join('-')}`,
    expiresAt: '2099-01-01T00:00:00.000Z',
    user: { id: 'u-test', name, roles },
  });
}

const encoder = new TextEncoder();

export interface FakeRequest {
  method: string;
  path: string;
  body: unknown;
}

type Handler = (request: FakeRequest) => unknown;

/** A fake BFF: JSON answers by `METHOD /path` (query ignored), and server-sent event streams to write to. */
export function fakeBff(routes: Record<string, Handler | object>) {
  const requests: FakeRequest[] = [];
  const streams = new Map<string, ReadableStreamDefaultController<Uint8Array>>();
  const fetchMock = vi.fn<typeof fetch>(async (input, init) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const body = init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined;
    const request = { method, path: url.pathname + url.search, body };
    requests.push(request);
    if (url.pathname.endsWith('/events')) {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          streams.set(url.pathname, controller);
        },
      });
      init?.signal?.addEventListener('abort', () => streams.delete(url.pathname));
      return new Response(stream, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
    }
    const route = routes[`${method} ${url.pathname}`];
    if (route === undefined) {
      return new Response(JSON.stringify({ error: { code: 'not_found', message: '没有这个接口' } }), {
        status: 404,
        headers: { 'Content-Type': 'application/json' },
      });
    }
    const answer = typeof route === 'function' ? (route as Handler)(request) : route;
    if (answer instanceof Response) return answer;
    return new Response(JSON.stringify(answer), {
      status: 200,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    fetch: fetchMock,
    requests,
    /** Sends one event on an open stream, e.g. `push('/api/alarms/events', 'alarm', { type: 'alarm', alarm })`. */
    push(path: string, event: string, data: unknown) {
      const controller = streams.get(path);
      if (!controller) throw new Error(`no open stream at ${path}`);
      controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
    },
    isStreaming: (path: string) => streams.has(path),
  };
}

export interface Rendered {
  container: HTMLElement;
  router: ReturnType<typeof createMemoryRouter>;
  unmount(): void;
}

/** What `render` mounted and the test has not unmounted: `setUpPageTests` unmounts it after each test. */
const mounted = new Set<Rendered>();

/** A component test file's set-up: the DOM once, and after each test its pages unmounted and the app reset. */
export function setUpPageTests(): void {
  beforeAll(installDom);
  afterEach(() => {
    for (const page of mounted) page.unmount();
    resetApp();
  });
}

/** Renders `element` as the page at `path` (with its query) inside the app's providers. */
export async function render(element: ReactNode, path: string): Promise<Rendered> {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  const routePath = new URL(path, 'http://localhost').pathname;
  // Other pages a link may lead to, as markers.
  const others = ['/tickets', '/alarms', '/devices', '/elders', '/escorts', '/escorts/book', '/volunteers']
    .filter((other) => other !== routePath)
    .map((other) => ({
      path: other,
      element: <div data-testid={`route-${other.slice(1).replace('/', '-')}`} />,
    }));
  const router = createMemoryRouter([{ path: routePath, element }, ...others], {
    initialEntries: [path],
    future: {
      v7_relativeSplatPath: true,
      v7_fetcherPersist: true,
      v7_normalizeFormMethod: true,
      v7_partialHydration: true,
      v7_skipActionErrorRevalidation: true,
    },
  });
  root.render(
    <ConfigProvider locale={currentLocale().antd} button={{ autoInsertSpace: false }}>
      <AntdApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} future={{ v7_startTransition: true }} />
        </QueryClientProvider>
      </AntdApp>
    </ConfigProvider>,
  );
  await Promise.resolve();
  const page: Rendered = {
    container,
    router,
    unmount() {
      if (!mounted.delete(page)) return;
      root.unmount();
      container.remove();
    },
  };
  mounted.add(page);
  return page;
}

/** The element with this test id anywhere in the document (drawers and modals render into the body). */
export function byTestId(id: string): HTMLElement | null {
  return document.querySelector(`[data-testid="${id}"]`);
}

/** Every element whose test id is `id`, or starts with it when `id` ends in "-" (e.g. `alarm-row-`). */
export function allByTestId(id: string): HTMLElement[] {
  const selector = id.endsWith('-') ? `[data-testid^="${id}"]` : `[data-testid="${id}"]`;
  return [...document.querySelectorAll<HTMLElement>(selector)];
}

/** Waits until `find` returns an element, then returns it. */
export async function findByTestId(id: string, timeout = 10_000): Promise<HTMLElement> {
  let found: HTMLElement | null = null;
  await vi.waitFor(
    () => {
      found = byTestId(id);
      if (!found) throw new Error(`no element with data-testid="${id}"`);
    },
    { timeout },
  );
  return found!;
}

export async function waitUntil(check: () => boolean, timeout = 10_000): Promise<void> {
  await vi.waitFor(
    () => {
      if (!check()) throw new Error('condition not met');
    },
    { timeout },
  );
}

export async function click(element: Element): Promise<void> {
  (element as HTMLElement).click();
  await Promise.resolve();
}

/** Types into an input or textarea the way React notices (through the native value setter). */
export async function typeInto(element: Element, value: string): Promise<void> {
  const prototype =
    element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, 'value')!.set!.call(element, value);
  element.dispatchEvent(new Event('input', { bubbles: true }));
  await Promise.resolve();
}

export function resetApp(): void {
  queryClient.clear();
  session.clear('logout');
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
}

/**
 * Picks a value in an antd DatePicker / TimePicker the way a keyboard user does: focus its input (the
 * element with the test id), type the text in the picker's format and press Enter. The picker takes the
 * text only if it parses and is not disabled; then leave the field.
 */
export async function pickInto(input: Element, text: string): Promise<void> {
  (input as HTMLInputElement).focus();
  input.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
  await typeInto(input, text);
  input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  await Promise.resolve();
  // Moving on, as the worker does (a click elsewhere): text the picker refused goes back to its value.
  document.body.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
  (input as HTMLInputElement).blur();
  await Promise.resolve();
}
