import { useSyncExternalStore } from 'react';
import { session } from '../app/services';
import { type Session } from './session';

export function useSession(): Session | null {
  return useSyncExternalStore(session.subscribe, session.get);
}
