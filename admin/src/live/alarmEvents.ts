import { alarmEventSchema, type Alarm } from '@jiefang/contracts';
import { connectEventStream, type EventStream, type TypedEventStreamOptions } from './eventStream';

export interface AlarmEventStreamOptions extends TypedEventStreamOptions {
  onAlarm: (alarm: Alarm) => void;
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
