import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeTicket } from '../test/tickets';
import { backoffDelay, connectTicketEvents, type LiveStatus, type TicketEventStream } from './ticketEvents';

const encoder = new TextEncoder();

/** A streaming response whose body the test writes to. */
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
    end: () => controller.close(),
  };
}

function ticketEvent(version: number) {
  return `event: ticket\ndata: ${JSON.stringify({ type: 'ticket', ticket: makeTicket({ version }) })}\n\n`;
}

const until = (check: () => boolean) => vi.waitFor(() => expect(check()).toBe(true), { timeout: 2000 });

let stream: TicketEventStream | undefined;
afterEach(() => stream?.close());

describe('backoffDelay', () => {
  it('doubles from one second, caps at thirty, and jitters by ±20 %', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((attempt) => backoffDelay(attempt, () => 0.5))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
    expect(backoffDelay(0, () => 0)).toBe(800);
    expect(backoffDelay(10, () => 1)).toBe(36000);
  });
});

describe('connectTicketEvents', () => {
  it('sends the bearer token, and delivers valid ticket events only', async () => {
    const server = streamingResponse();
    const fetchMock = vi.fn<typeof fetch>(async () => server.response);
    const tickets: number[] = [];
    const statuses: LiveStatus[] = [];
    stream = connectTicketEvents({
      url: '/api/tickets/events',
      getToken: () => 'tok',
      fetch: fetchMock,
      onTicket: (ticket) => tickets.push(ticket.version),
      onStatus: (status) => statuses.push(status),
    });
    await until(() => statuses.includes('open'));
    const init = fetchMock.mock.calls[0]![1]!;
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok');

    server.write(': ping\n\n');
    server.write(ticketEvent(3).slice(0, 20));
    server.write(ticketEvent(3).slice(20));
    server.write('event: ticket\ndata: {"type":"ticket","ticket":{"id":1}}\n\n');
    server.write('event: ticket\ndata: not json\n\n');
    server.write('event: other\ndata: {}\n\n');
    server.write(ticketEvent(4));
    await until(() => tickets.length === 2);
    expect(tickets).toEqual([3, 4]);
    expect(statuses).toEqual(['connecting', 'open']);
  });

  it('reconnects after the stream ends or fails, and says when it is back', async () => {
    const first = streamingResponse();
    const third = streamingResponse();
    const answers: (Response | Error)[] = [first.response, new TypeError('Failed to fetch'), third.response];
    const fetchMock = vi.fn<typeof fetch>(async () => {
      const next = answers.shift()!;
      if (next instanceof Error) throw next;
      return next;
    });
    const statuses: LiveStatus[] = [];
    const opens: boolean[] = [];
    const waits: number[] = [];
    stream = connectTicketEvents({
      url: '/e',
      getToken: () => 'tok',
      fetch: fetchMock,
      backoff: (attempt) => {
        waits.push(attempt);
        return 1;
      },
      onTicket: () => undefined,
      onStatus: (status) => statuses.push(status),
      onOpen: (reconnected) => opens.push(reconnected),
    });
    await until(() => opens.length === 1);
    first.end();
    await until(() => opens.length === 2);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    expect(opens).toEqual([false, true]);
    // The failed attempt waited longer than the first retry after a good connection.
    expect(waits).toEqual([0, 1]);
    expect(statuses).toEqual(['connecting', 'open', 'reconnecting', 'open']);
  });

  it('drops a connection that has gone silent', async () => {
    const silent = streamingResponse();
    const next = streamingResponse();
    const answers = [silent.response, next.response];
    const fetchMock = vi.fn<typeof fetch>(async () => answers.shift()!);
    stream = connectTicketEvents({
      url: '/e',
      getToken: () => 'tok',
      fetch: fetchMock,
      backoff: () => 1,
      idleTimeoutMs: 30,
      onTicket: () => undefined,
      onStatus: () => undefined,
    });
    await until(() => fetchMock.mock.calls.length === 2);
    expect(fetchMock.mock.calls[0]![1]!.signal!.aborted).toBe(true);
  });

  it('stops for good when the token is refused', async () => {
    const fetchMock = vi.fn<typeof fetch>(
      async () =>
        new Response(JSON.stringify({ error: { code: 'token_expired', message: '登录已过期' } }), {
          status: 401,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    const statuses: LiveStatus[] = [];
    const onUnauthenticated = vi.fn();
    stream = connectTicketEvents({
      url: '/e',
      getToken: () => 'stale',
      fetch: fetchMock,
      backoff: () => 1,
      onTicket: () => undefined,
      onStatus: (status) => statuses.push(status),
      onUnauthenticated,
    });
    await until(() => statuses.includes('stopped'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(onUnauthenticated.mock.calls[0]![0].code).toBe('token_expired');
  });

  it('retries a missing endpoint and stops cleanly on close', async () => {
    const fetchMock = vi.fn<typeof fetch>(async () => new Response('Not Found', { status: 404 }));
    const statuses: LiveStatus[] = [];
    stream = connectTicketEvents({
      url: '/e',
      getToken: () => 'tok',
      fetch: fetchMock,
      backoff: () => 5,
      onTicket: () => undefined,
      onStatus: (status) => statuses.push(status),
    });
    await until(() => fetchMock.mock.calls.length >= 2);
    stream.close();
    await until(() => statuses.at(-1) === 'stopped');
    const calls = fetchMock.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fetchMock.mock.calls.length).toBe(calls);
    expect(statuses.slice(0, 2)).toEqual(['connecting', 'reconnecting']);
  });
});
