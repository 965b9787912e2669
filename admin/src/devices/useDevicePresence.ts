import { apiRoutes } from '@jiefang/contracts';
import { useSession } from '../auth/useSession';
import { useDevices } from '../alarms/queries';
import { type DevicePresence } from './deviceView';

const listDevices = apiRoutes.find((route) => route.method === 'GET' && route.path === '/api/devices');

/**
 * A device's presence from the registry list (the device page's own query, refreshed on its interval),
 * for those who may list devices; undefined for others or until it has loaded.
 */
export function useDevicePresence(deviceId: string): DevicePresence | undefined {
  const session = useSession();
  const access = listDevices?.access;
  const allowed = Array.isArray(access) && Boolean(session?.user.roles.some((role) => access.includes(role)));
  const devices = useDevices({}, allowed);
  return devices.data?.items.find((device) => device.id === deviceId);
}
