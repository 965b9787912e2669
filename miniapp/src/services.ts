import Taro from '@tarojs/taro';
import {
  authResponseSchema,
  streetListSchema,
  userSchema,
  type AuthResponse,
  type DevLoginRequest,
  type StreetSummary,
  type User,
} from '@jiefang/contracts';
import { z } from 'zod';
import { ApiError, createApiClient } from './api/client';
import { contractRoute } from './api/contractRoute';
import { taroTransport } from './api/taroTransport';
import { clearSession, loadSession, saveSession } from './auth/session';
import { createLargeTextPreference } from './prefs/largeText';
import type { KeyValueStore } from './storage';
import { t } from './i18n';

export const LOGIN_PAGE = '/pages/login/index';
export const HOME_PAGE = '/pages/home/index';

/** The H5 build is served by the BFF itself (same origin); the mini-program calls it from afar. */
export const apiBaseUrl =
  process.env.TARO_ENV === 'h5' ? '' : (process.env.TARO_APP_API_BASE ?? 'http://127.0.0.1:3000');

export const taroStore: KeyValueStore = {
  get: (key) => {
    const value: unknown = Taro.getStorageSync(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  },
  set: (key, value) => Taro.setStorageSync(key, value),
  remove: (key) => Taro.removeStorageSync(key),
};

export const largeText = createLargeTextPreference(taroStore);

export const session = {
  current: () => loadSession(taroStore),
  save: (auth: AuthResponse) => saveSession(taroStore, auth),
  clear: () => clearSession(taroStore),
};

let redirecting = false;

/** Ends the session and shows the login page (once, however many calls fail together). */
export function backToLogin(): void {
  session.clear();
  if (redirecting) return;
  redirecting = true;
  void Taro.reLaunch({ url: LOGIN_PAGE }).finally(() => {
    redirecting = false;
  });
}

/** The JSON API client every feature shares (bearer token, BFF errors as ApiError, 401 → login). */
export const apiClient = createApiClient({
  baseUrl: apiBaseUrl,
  transport: taroTransport,
  getToken: () => session.current()?.token,
  onAuthFailure: backToLogin,
});

const meSchema = z.object({ user: userSchema });

const routes = {
  devLogin: contractRoute('POST', '/api/auth/dev-login'),
  wechatLogin: contractRoute('POST', '/api/auth/wechat'),
  streets: contractRoute('GET', '/api/streets'),
  me: contractRoute('GET', '/api/me'),
};

export const api = {
  devLogin: (request: DevLoginRequest): Promise<AuthResponse> =>
    apiClient.send(routes.devLogin.to(), authResponseSchema, request),
  wechatLogin: (code: string): Promise<AuthResponse> =>
    apiClient.send(routes.wechatLogin.to(), authResponseSchema, { code }),
  streets: async (): Promise<StreetSummary[]> =>
    (await apiClient.send(routes.streets.to(), streetListSchema)).items,
  me: async (): Promise<User> => (await apiClient.send(routes.me.to(), meSchema)).user,
};

/** The message to show for any failure: the BFF's own (Chinese) message when there is one. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.displayMessage;
  return t('error.unknown');
}
