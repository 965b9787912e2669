import { type Ticket } from '@jiefang/contracts';
import { type MessageKey } from '../../i18n';
import { slaState } from '../../tickets/sla';

/** A ticket's SLA on the queue map: on time, warning, breached, or its on-site clock stopped. */
export type SlaMapState = 'on_time' | 'warning' | 'breached' | 'stopped';

export const slaMapStates: readonly SlaMapState[] = ['breached', 'warning', 'on_time', 'stopped'];

/** The queue's own colours: green, orange, red as the countdown shows them; grey once stopped. */
export const slaMarkerColors: Record<SlaMapState, string> = {
  on_time: '#52c41a',
  warning: '#fa8c16',
  breached: '#f5222d',
  stopped: '#8c8c8c',
};

export const slaMapLabels: Record<SlaMapState, MessageKey> = {
  on_time: 'map.queueSlaOnTime',
  warning: 'map.queueSlaWarning',
  breached: 'map.queueSlaBreached',
  stopped: 'map.queueSlaStopped',
};

export function slaMapState(
  ticket: Pick<Ticket, 'status' | 'slaBreached' | 'deadlines' | 'timeline'>,
  now: number,
): SlaMapState {
  const { tone } = slaState(ticket, now);
  if (tone === 'overdue') return 'breached';
  if (tone === 'warning') return 'warning';
  if (tone === 'ok') return 'on_time';
  return 'stopped';
}

/** Tickets the queue map shows: still open (neither resolved nor confirmed by the resident). */
export const onQueueMap = (ticket: Pick<Ticket, 'status'>) =>
  ticket.status !== 'resolved' && ticket.status !== 'confirmed';
