import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type Alarm,
  type Device,
  type RegisterDeviceRequest,
  type UpdateDeviceRequest,
} from '@jiefang/contracts';
import { api } from '../app/services';
import { type LiveStatus } from '../live/eventStream';
import { pollInterval } from '../live/useTicketLive';
import { type AlarmFilters } from './alarmCache';
import { applyAlarmUpdate } from './applyAlarm';
import { alarmKeys, deviceKeys, type DeviceFilters } from './queryKeys';

/** Device state (online, last reading) arrives by MQTT, not by push to the panel: refresh it often. */
export const DEVICE_REFRESH_MS = 30_000;
/** Readings are 1-minute levels: a new point each minute. */
export const READINGS_REFRESH_MS = 60_000;
/** The window of recent noise drawn for a noise meter. */
export const READINGS_MINUTES = 60;

export function useAlarmList(filters: AlarmFilters, live: LiveStatus) {
  return useQuery({
    queryKey: alarmKeys.list(filters),
    queryFn: ({ signal }) => api.alarms(filters, signal),
    refetchInterval: pollInterval(live),
    placeholderData: keepPreviousData,
  });
}

export function useAlarm(id: string | null, live: LiveStatus) {
  return useQuery({
    queryKey: alarmKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.alarm(id ?? '', signal),
    enabled: Boolean(id),
    refetchInterval: pollInterval(live),
  });
}

/** A mutation whose answer is the changed alarm: merged into every cached view at once. */
function useAlarmMutation<V>(mutationFn: (variables: V) => Promise<Alarm>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: (alarm) => applyAlarmUpdate(client, alarm) });
}

export const useAcknowledgeAlarm = () =>
  useAlarmMutation((v: { id: string; note?: string }) => api.acknowledgeAlarm(v.id, v.note));

export const useClearAlarm = () =>
  useAlarmMutation((v: { id: string; note?: string }) => api.clearAlarm(v.id, v.note));

export const useSendWarning = () =>
  useAlarmMutation((v: { id: string; text?: string }) => api.sendWarning(v.id, v.text));

export function useDevices(filters: DeviceFilters, enabled = true) {
  return useQuery({
    queryKey: deviceKeys.list(filters),
    queryFn: ({ signal }) => api.devices(filters, signal),
    refetchInterval: DEVICE_REFRESH_MS,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useDeviceReadings(id: string | null, minutes = READINGS_MINUTES) {
  return useQuery({
    queryKey: deviceKeys.readings(id ?? '', minutes),
    queryFn: ({ signal }) => api.deviceReadings(id ?? '', minutes, signal),
    enabled: Boolean(id),
    refetchInterval: READINGS_REFRESH_MS,
    staleTime: READINGS_REFRESH_MS / 2,
  });
}

export function useRegisterDevice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterDeviceRequest) => api.registerDevice(body),
    onSuccess: () => void client.invalidateQueries({ queryKey: deviceKeys.lists }),
  });
}

export function useUpdateDevice() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; body: UpdateDeviceRequest }) => api.updateDevice(v.id, v.body),
    onSuccess: (device: Device) => {
      for (const [key, list] of client.getQueriesData<{ items: Device[]; total: number }>({
        queryKey: deviceKeys.lists,
      })) {
        if (!list) continue;
        client.setQueryData(key, {
          ...list,
          items: list.items.map((item) => (item.id === device.id ? device : item)),
        });
      }
      // The device may have moved street: let filtered lists settle from the server.
      void client.invalidateQueries({ queryKey: deviceKeys.lists });
    },
  });
}

export function useRotateDeviceSecret() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.rotateDeviceSecret(id),
    onSuccess: () => void client.invalidateQueries({ queryKey: deviceKeys.lists }),
  });
}
