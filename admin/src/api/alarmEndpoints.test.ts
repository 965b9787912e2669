import { describe, expect, it, vi } from 'vitest';
import { makeAlarm, makeDevice } from '../test/alarms';
import { createApiClient } from './client';
import { createEndpoints } from './endpoints';
import { ApiError } from './errors';

function setup(body: unknown, status = 200) {
  const fetchMock = vi.fn<typeof fetch>(
    async () =>
      new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }),
  );
  const api = createEndpoints(
    createApiClient({
      baseUrl: '',
      getToken: () => 'tok',
      onUnauthenticated: () => undefined,
      fetch: fetchMock,
    }),
  );
  const call = (index = 0) => {
    const [url, init] = fetchMock.mock.calls[index]!;
    return {
      url: String(url),
      method: init?.method,
      body: init?.body ? (JSON.parse(String(init.body)) as unknown) : undefined,
      auth: (init?.headers as Record<string, string>).Authorization,
    };
  };
  return { api, call };
}

describe('alarm and device endpoints', () => {
  it('lists alarms with the filters as the BFF expects and parses them with the contract', async () => {
    const { api, call } = setup({ items: [makeAlarm()], total: 1 });
    const list = await api.alarms({
      type: 'noise_exceeded',
      status: ['active', 'acknowledged'],
      street: 'jiangnanzhong',
    });
    expect(list.items[0]?.id).toBe('A-1');
    expect(call().url).toBe(
      '/api/alarms?limit=200&type=noise_exceeded&status=active%2Cacknowledged&street=jiangnanzhong',
    );
    expect(call().auth).toBe('Bearer tok');
  });

  it('posts acknowledge, clear and warning with the optional note or text only when given', async () => {
    const alarm = makeAlarm();
    const { api, call } = setup(alarm);
    await api.acknowledgeAlarm('A/1', '已联系');
    await api.clearAlarm('A-1');
    await api.sendWarning('A-1', '请降低音量');
    await api.sendWarning('A-1');
    expect(call(0)).toMatchObject({
      url: '/api/alarms/A%2F1/acknowledge',
      method: 'POST',
      body: { note: '已联系' },
    });
    expect(call(1)).toMatchObject({ url: '/api/alarms/A-1/clear', body: {} });
    expect(call(2)).toMatchObject({ url: '/api/alarms/A-1/warning', body: { text: '请降低音量' } });
    expect(call(3).body).toEqual({});
  });

  it('rejects an answer that does not match the contract', async () => {
    const { api } = setup({ id: 'A-1' });
    await expect(api.alarm('A-1')).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('lists devices and their readings, and registers, edits and re-keys them', async () => {
    const devices = setup({ items: [makeDevice()], total: 1 });
    await devices.api.devices({ type: 'noise_meter', online: 'false' });
    expect(devices.call().url).toBe('/api/devices?limit=500&type=noise_meter&online=false');

    const readings = setup({
      deviceId: 'd',
      items: [{ at: '2030-01-01T12:00:00.000Z', levelDb: 50, maxDb: 55 }],
    });
    await readings.api.deviceReadings('d', 60);
    expect(readings.call().url).toBe('/api/devices/d/readings?minutes=60');

    const credentials = setup({ id: 'd', secret: 's3cret', mqttUrl: 'mqtt://localhost:1883' });
    const issued = await credentials.api.rotateDeviceSecret('d');
    expect(issued.secret).toBe('s3cret');
    expect(credentials.call()).toMatchObject({ url: '/api/devices/d/rotate-secret', method: 'POST' });

    const edit = setup(makeDevice({ disabled: true }));
    await edit.api.updateDevice('d', { disabled: true });
    expect(edit.call()).toMatchObject({ url: '/api/devices/d', method: 'PATCH', body: { disabled: true } });
  });

  it('passes the BFF’s error on, with its details for the form', async () => {
    const { api } = setup(
      { error: { code: 'conflict', message: '设备编号已存在', details: { field: 'id' } } },
      409,
    );
    const error = await api
      .registerDevice({ id: 'dup', type: 'noise_meter', street: 's', lat: 23, lng: 113, zoneClass: '1' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).details).toEqual({ field: 'id' });
  });
});
