import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeAlarm } from '../test/alarms';
import { connectAlarmEvents } from './alarmEvents';
import { type EventStream, type LiveStatus } from './eventStream';

const encoder = new TextEncoder();

function streamingResponse() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    response: new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    write: (text: string) => controller.enqueue(encoder.encode(text)),
  };
}

const alarmEvent = (id: string, event = 'alarm') =>
  `event: ${event}\ndata: ${JSON.stringify({ type: 'alarm', alarm: makeAlarm({ id }) })}\n\n`;

const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true), { timeout: 2000 });

let stream: EventStream | undefined;
afterEach(() => stream?.close());

describe('connectAlarmEvents', () => {
  it('sends the bearer token and delivers valid alarm events only', async () => {
    const server = streamingResponse();
    const fetchMock = vi.fn<typeof fetch>(async () => server.response);
    const ids: string[] = [];
    const statuses: LiveStatus[] = [];
    stream = connectAlarmEvents({
      url: '/api/alarms/events',
      getToken: () => 'tok',
      fetch: fetchMock,
      onAlarm: (alarm) => ids.push(alarm.id),
      onStatus: (status) => statuses.push(status),
    });
    await until(() => statuses.includes('open'));
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/alarms/events');
    const init = fetchMock.mock.calls[0]![1]!;
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok');

    server.write(': ping\n\n');
    server.write(alarmEvent('A-1').slice(0, 30));
    server.write(alarmEvent('A-1').slice(30));
    server.write('event: alarm\ndata: {"type":"alarm","alarm":{"id":"bad"}}\n\n');
    server.write('event: alarm\ndata: not json\n\n');
    server.write(alarmEvent('T-1', 'ticket'));
    server.write(alarmEvent('A-2'));
    await until(() => ids.length === 2);
    expect(ids).toEqual(['A-1', 'A-2']);
  });
});
