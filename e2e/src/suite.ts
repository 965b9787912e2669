import { after, before } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { launchBrowser, phoneContext } from './browser';
import { stackApi, startStack, type RunningStack } from './stack';

export type StackOptions = NonNullable<Parameters<typeof startStack>[0]>;

/** What a test file gets from `useStackAndBrowser`: valid inside its tests (after `before` ran). */
export interface StackAndBrowser {
  readonly stack: RunningStack;
  readonly browser: Browser;
  /** One JSON call to the file's stack (`stackApi` on it). */
  api(method: string, route: string, token: string | null, body?: unknown): ReturnType<typeof stackApi>;
  /** A browser context of its own (its own session), closed after the file's tests. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A phone-sized context (`phoneContext`), closed after the file's tests. */
  phoneContext(geolocation?: { latitude: number; longitude: number }): Promise<BrowserContext>;
}

/**
 * The preamble of every e2e file: a stack of its own and Chromium before the file's tests, and after
 * them its contexts, the browser and the stack closed, in that order. `options` may be an async function,
 * run in `before` ahead of the stack: it starts what the stack is pointed at (a provider's stand-in) and
 * returns the settings with its URL. (A file's own `before` hooks are not sure to have run by then.)
 */
export function useStackAndBrowser(
  options: StackOptions | (() => StackOptions | Promise<StackOptions>) = {},
): StackAndBrowser {
  let stack: RunningStack | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  before(async () => {
    stack = await startStack(typeof options === 'function' ? await options() : options);
    browser = await launchBrowser();
  });

  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await stack?.stop();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} is started in before(): use it inside a test`);
    return value;
  };
  const tracked = async (opening: Promise<BrowserContext>) => {
    const context = await opening;
    contexts.push(context);
    return context;
  };

  return {
    get stack() {
      return started(stack, 'stack');
    },
    get browser() {
      return started(browser, 'browser');
    },
    api: (method, route, token, body) => stackApi(started(stack, 'stack'), method, route, token, body),
    newContext: (contextOptions) => tracked(started(browser, 'browser').newContext(contextOptions)),
    phoneContext: (geolocation) => tracked(phoneContext(started(browser, 'browser'), geolocation)),
  };
}
