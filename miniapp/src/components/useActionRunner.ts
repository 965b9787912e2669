import { useState } from 'react';
import Taro from '@tarojs/taro';
import { ApiError } from '../api/client';
import { messageOf } from '../services';

/**
 * The actions a page offers on one loaded thing (确认, 评价, 取消…): one at a time, `busy` naming the one
 * under way, a toast when it is done and its answer passed on, the failure kept in `error` to show. A
 * rejected token shows nothing (the client has already sent the user to the login page).
 */
export function useActionRunner<Kind extends string, T>(onChanged: (value: T) => void) {
  const [busy, setBusy] = useState<Kind | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  /** Runs one action unless another is under way; resolves whether it succeeded. */
  const run = async (kind: Kind, action: () => Promise<T>, done: string): Promise<boolean> => {
    if (busy) return false;
    setBusy(kind);
    setError(undefined);
    try {
      onChanged(await action());
      void Taro.showToast({ title: done, icon: 'success' });
      return true;
    } catch (err) {
      if (!(err instanceof ApiError && err.isAuthFailure)) setError(messageOf(err));
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  return { busy, setBusy, error, setError, run };
}
