import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import type { Session } from '../auth/session';
import { LOGIN_PAGE, session } from '../services';

/** The signed-in session, read once per page; without one the login page is shown instead. */
export function useSession(): Session | undefined {
  const [stored] = useState(() => session.current());
  useEffect(() => {
    if (!stored) void Taro.reLaunch({ url: LOGIN_PAGE });
  }, [stored]);
  return stored;
}
