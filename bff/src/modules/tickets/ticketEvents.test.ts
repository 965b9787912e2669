import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ticketEventSchema, type TicketEvent } from '@jiefang/contracts';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { eventually, north, officerOnDuty, submitReport } from '../../testing/reportFixtures';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp('ticket_events');
});
afterAll(() => t.close());

/** Opens the event stream as a console would and collects the ticket events it receives. */
function listen(token: string) {
  const events: TicketEvent[] = [];
  const { port } = t.server.address() as AddressInfo;
  let buffer = '';
  const request = http.get(
    { host: '127.0.0.1', port, path: '/api/tickets/events', headers: { Authorization: `Bearer ${token}` } },
    (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame.split('\n').find((line) => line.startsWith('data: '));
          if (frame.includes('event: ticket') && data)
            events.push(ticketEventSchema.parse(JSON.parse(data.slice(6))));
        }
      });
    },
  );
  request.on('error', () => undefined);
  return { events, close: () => request.destroy() };
}

describe('GET /api/tickets/events', () => {
  it('streams changes to the consoles allowed to see them, and only those', async () => {
    const dispatcher = await t.loginAs('dispatcher', '看板调度');
    const otherSquad = await t.loginAs('squad_leader', '华洲中队长', '华洲街道');
    const ownSquad = await t.loginAs('squad_leader', '赤岗看板中队长', '赤岗街道');
    const all = listen(dispatcher.token);
    const other = listen(otherSquad.token);
    const own = listen(ownSquad.token);
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const site = { lat: 23.106, lng: 113.333 };
      await officerOnDuty(t, '看板队员', north(site, 50));
      const resident = await t.loginAs('resident', '看板居民');
      const report = await submitReport(t, resident.token, { ...site, category: 'garbage' }, 201);

      const seen = await eventually(async () =>
        all.events.find((event) => event.ticket.id === report.body.id && event.ticket.status === 'assigned'),
      );
      expect(seen.ticket.squadId).toBe('squad-chigang');
      await eventually(async () => own.events.some((event) => event.ticket.id === report.body.id));
      expect(other.events.some((event) => event.ticket.id === report.body.id)).toBe(false);
    } finally {
      all.close();
      other.close();
      own.close();
    }
  });

  it('refuses residents and anonymous callers', async () => {
    const resident = await t.loginAs('resident', '好奇居民');
    await t.http.get('/api/tickets/events').set('Authorization', `Bearer ${resident.token}`).expect(403);
    await t.http.get('/api/tickets/events').expect(401);
  });
});
