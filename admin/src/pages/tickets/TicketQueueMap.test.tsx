// @vitest-environment jsdom
import '../../test/leafletDom';
import { type Ticket } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import {
  allByTestId,
  byTestId,
  click,
  fakeBff,
  findByTestId,
  render,
  setUpPageTests,
  signIn,
  waitUntil,
} from '../../test/dom';
import { testDistrict } from '../../test/district';
import { makeTicket } from '../../test/tickets';
import { TicketQueuePage } from './TicketQueuePage';

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const due = (minutes: number): Ticket['deadlines'] => ({
  acceptBy: null,
  warnAt: minutesFromNow(minutes - 5),
  breachAt: minutesFromNow(minutes),
});

const onTime = makeTicket({ id: 'T-ok', deadlines: due(30) });
const warning = makeTicket({
  id: 'T-warn',
  location: { lat: 23.1, lng: 113.31 },
  deadlines: due(3),
});
const breached = makeTicket({
  id: 'T-late',
  status: 'dispatch_queue',
  assigneeId: null,
  location: { lat: 23.11, lng: 113.335 },
  deadlines: due(-2),
  slaBreached: true,
});
const resolved = makeTicket({ id: 'T-done', status: 'resolved', deadlines: due(30) });
const officer = {
  id: 'officer-1',
  name: '李队员',
  squadId: 'squad-chigang',
  streetId: 'chigang',
  activeTickets: 1,
  onShift: true,
  onDuty: true,
  travelMode: 'walk',
  capacity: 3,
  location: { lat: 23.105, lng: 113.32, at: '2030-01-01T08:00:00.000Z' },
};

const routes = {
  'GET /api/tickets': { items: [onTime, warning, breached, resolved], total: 4 },
  'GET /api/district': testDistrict,
  'GET /api/map/config': { tiles: null },
  'GET /api/streets': {
    items: [{ id: 'chigang', name: '赤岗街道', squadId: 'squad-chigang', squadName: '赤岗中队' }],
  },
  'GET /api/categories': { items: [] },
  'GET /api/officers': { items: [officer] },
};

const markers = () =>
  allByTestId('queue-map-ticket-').map((dot) => [
    dot.dataset.testid!.replace('queue-map-ticket-', ''),
    dot.dataset.sla,
  ]);

setUpPageTests();

// The whole queue page under jsdom: slow on a busy two-core machine, the first render most of all.
describe('the queue on a map', { timeout: 60_000 }, () => {
  it('switches from the list to a map of the open tickets coloured by SLA, and back', async () => {
    signIn(['dispatcher']);
    fakeBff(routes);
    const page = await render(<TicketQueuePage />, '/tickets');
    await findByTestId('queue-row-T-ok', 20_000);
    const mapOption = [...byTestId('queue-view')!.querySelectorAll('label')].find(
      (label) => label.textContent === '地图',
    )!;
    await click(mapOption.querySelector('input') ?? mapOption);
    await findByTestId('queue-map');
    await waitUntil(() => markers().length === 3);
    expect(page.router.state.location.search).toContain('view=map');
    expect(Object.fromEntries(markers())).toEqual({
      'T-ok': 'on_time',
      'T-warn': 'warning',
      'T-late': 'breached',
    });
    expect(byTestId('queue-map-ticket-T-late')!.getAttribute('style')).toContain('#f5222d');
    expect(byTestId('queue-map-count-breached')!.textContent).toBe('已超时 1 件');
    // The resolved ticket is not on the map; the officer on duty is.
    expect(byTestId('queue-map-ticket-T-done')).toBeNull();
    await findByTestId('queue-map-officer-officer-1');
    expect(byTestId('queue-row-T-ok')).toBeNull();

    const listOption = [...byTestId('queue-view')!.querySelectorAll('label')].find(
      (label) => label.textContent === '列表',
    )!;
    await click(listOption.querySelector('input') ?? listOption);
    await findByTestId('queue-row-T-ok');
    expect(byTestId('queue-map')).toBeNull();
    expect(page.router.state.location.search).not.toContain('view=map');
  });

  it('opens the ticket when its marker is clicked', async () => {
    signIn(['dispatcher']);
    fakeBff(routes);
    const page = await render(<TicketQueuePage />, '/tickets?view=map');
    const marker = await findByTestId('queue-map-ticket-T-late');
    marker.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await waitUntil(() => page!.router.state.location.search.includes('ticket=T-late'));
    expect(page.router.state.location.search).toContain('view=map');
  });

  it('recolours, adds and removes markers as live events update the queue', async () => {
    signIn(['dispatcher']);
    const bff = fakeBff(routes);
    await render(<TicketQueuePage />, '/tickets?view=map');
    await waitUntil(() => markers().length === 3);
    await waitUntil(() => bff.isStreaming('/api/tickets/events'));
    const warningDot = byTestId('queue-map-ticket-T-warn')!.parentElement;

    // The warning ticket passes its deadline: the BFF marks it breached.
    bff.push('/api/tickets/events', 'ticket', {
      type: 'ticket',
      ticket: { ...warning, version: 2, slaBreached: true, deadlines: due(-1) },
    });
    await waitUntil(() => byTestId('queue-map-ticket-T-warn')?.dataset.sla === 'breached');
    // Updated in place, not drawn anew.
    expect(byTestId('queue-map-ticket-T-warn')!.parentElement).toBe(warningDot);

    bff.push('/api/tickets/events', 'ticket', {
      type: 'ticket',
      ticket: makeTicket({
        id: 'T-new',
        status: 'dispatch_queue',
        assigneeId: null,
        deadlines: due(40),
        version: 1,
      }),
    });
    await findByTestId('queue-map-ticket-T-new');

    // The officer checks in on the on-time ticket: its clock stops.
    bff.push('/api/tickets/events', 'ticket', {
      type: 'ticket',
      ticket: { ...onTime, version: 2, status: 'on_site' },
    });
    await waitUntil(() => byTestId('queue-map-ticket-T-ok')?.dataset.sla === 'stopped');

    bff.push('/api/tickets/events', 'ticket', {
      type: 'ticket',
      ticket: { ...breached, version: 2, status: 'resolved' },
    });
    await waitUntil(() => byTestId('queue-map-ticket-T-late') === null);
  });
});
