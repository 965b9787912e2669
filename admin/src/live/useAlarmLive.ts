import { staffAlerts } from '../alerts/staffAlerts';
import { applyAlarmUpdate } from '../alarms/applyAlarm';
import { alarmKeys } from '../alarms/queryKeys';
import { bffRoute } from '../api/routes';
import { apiBaseUrl, queryClient, session } from '../app/services';
import { connectAlarmEvents } from './alarmEvents';
import { type LiveStatus } from './eventStream';
import { createSharedLive } from './sharedLive';

const alarmEvents = bffRoute('GET', '/api/alarms/events');

/** Keeps the live alarm stream (`GET /api/alarms/events`) open while the calling component is mounted. */
export const useAlarmLive: () => LiveStatus = createSharedLive({
  session,
  connect: ({ current, getToken, onStatus, onUnauthenticated }) =>
    connectAlarmEvents({
      url: `${apiBaseUrl}${alarmEvents.at().url}`,
      getToken,
      onAlarm: (alarm) => {
        applyAlarmUpdate(queryClient, alarm);
        staffAlerts.alarm(alarm, current.user);
      },
      onStatus,
      // Changes made while the connection was down were not pushed: catch up from the server.
      onOpen: (reconnected) => {
        if (reconnected) void queryClient.invalidateQueries({ queryKey: alarmKeys.all });
      },
      onUnauthenticated,
    }),
});
