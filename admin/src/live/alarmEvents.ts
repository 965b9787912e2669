import { alarmEventSchema, type Alarm } from '@jiefang/contracts';
import { type ApiError } from '../api/errors';
import { connectEventStream, type EventStream, type LiveStatus } from './eventStream';

export interface AlarmEventStreamOptions {
  url: string;
  getToken: () => string | null;
  onAlarm: (alarm: Alarm) => void;
  onStatus: (status: LiveStatus) => void;
  onOpen?: (reconnected: boolean) => void;
  onUnauthenticated?: (error: ApiError) => void;
  fetch?: typeof fetch;
  backoff?: (attempt: number) => number;
  idleTimeoutMs?: number;
}

/** Follows `GET /api/alarms/events`, delivering each `alarm` event that matches the contract. */
export function connectAlarmEvents({ onAlarm, ...options }: AlarmEventStreamOptions): EventStream {
  return connectEventStream({
    ...options,
    event: 'alarm',
    parse: (payload) => {
      const parsed = alarmEventSchema.safeParse(payload);
      return parsed.success ? parsed.data.alarm : undefined;
    },
    onEvent: onAlarm,
  });
}
