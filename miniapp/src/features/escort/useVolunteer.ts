import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Volunteer } from '@jiefang/contracts';
import { ApiError } from '../../api/client';
import { messageOf } from '../../services';
import { escortsApi } from './escortServices';
import type { MyIds } from './escorts';

export type VolunteerState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'unregistered' }
  | { status: 'ready'; volunteer: Volunteer };

/** The caller as a volunteer: the registration's state, how to load it again, and the ids that are them. */
export interface Volunteering {
  state: VolunteerState;
  reload: () => Promise<Volunteer | null | undefined>;
  me: MyIds;
}

/** The caller's volunteer registration (GET /api/volunteers/me), loaded once the session is there. */
export function useVolunteer(userId: string | undefined): Volunteering {
  const [state, setState] = useState<VolunteerState>({ status: 'loading' });

  const reload = useCallback(async () => {
    try {
      const volunteer = await escortsApi.volunteerMe();
      setState(volunteer ? { status: 'ready', volunteer } : { status: 'unregistered' });
      return volunteer;
    } catch (error) {
      if (error instanceof ApiError && error.isAuthFailure) return undefined;
      setState({ status: 'error', message: messageOf(error) });
      return undefined;
    }
  }, []);

  useEffect(() => {
    if (userId) void reload();
  }, [userId, reload]);

  const volunteerId = state.status === 'ready' ? state.volunteer.id : undefined;
  const me = useMemo(
    () => new Set([volunteerId, userId].filter((id): id is string => !!id)),
    [volunteerId, userId],
  );
  return { state, reload, me };
}
