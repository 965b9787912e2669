import { metersBetween, type OfficerSummary, type Ticket } from '@jiefang/contracts';
import { ticketCountdowns, type Countdown } from './countdown';

export interface BoardOfficer {
  officer: OfficerSummary;
  /** At or above capacity: dispatch gives them nothing more. */
  full: boolean;
}

export interface BoardTicket {
  ticket: Ticket;
  /** The on-site clock. */
  clock: Countdown;
  assigneeName: string | undefined;
}

export interface SquadBoard {
  /** On duty, least loaded first (who can take one more), then by name. */
  onDuty: BoardOfficer[];
  offDuty: BoardOfficer[];
  /** Tickets whose on-site clock runs, the least time left first (breached ones on top). */
  atRisk: BoardTicket[];
}

const byName = (a: OfficerSummary, b: OfficerSummary) => a.name.localeCompare(b.name, 'zh-CN');

/** The squad leader's board from the squad's officers and tickets. */
export function squadBoard(
  officers: readonly OfficerSummary[],
  tickets: readonly Ticket[],
  now: number,
): SquadBoard {
  const rows = officers.map((officer) => ({ officer, full: officer.activeTickets >= officer.capacity }));
  const names = new Map(officers.map((officer) => [officer.id, officer.name]));
  const atRisk = tickets
    .flatMap((ticket) => {
      const clock = ticketCountdowns(ticket, now).find((countdown) => countdown.kind === 'onSite');
      if (!clock) return [];
      return [{ ticket, clock, assigneeName: ticket.assigneeId ? names.get(ticket.assigneeId) : undefined }];
    })
    .sort((a, b) => a.clock.remainingMs - b.clock.remainingMs);
  return {
    onDuty: rows
      .filter((row) => row.officer.onDuty)
      .sort((a, b) => a.officer.activeTickets - b.officer.activeTickets || byName(a.officer, b.officer)),
    offDuty: rows.filter((row) => !row.officer.onDuty).sort((a, b) => byName(a.officer, b.officer)),
    atRisk,
  };
}

export interface Candidate {
  officer: OfficerSummary;
  /** From the officer's last shared position to the ticket, when known. */
  meters: number | undefined;
}

/**
 * Who a leader may hand a ticket to: the squad's officers on duty with room for one more, not the one
 * holding it and not off the current shift (where the squad dispatches by roster), nearest first
 * (unknown positions last), then least loaded.
 */
export function reassignCandidates(
  officers: readonly OfficerSummary[],
  ticket: Pick<Ticket, 'assigneeId' | 'location' | 'squadId'>,
): Candidate[] {
  return officers
    .filter(
      (officer) =>
        officer.onDuty &&
        officer.onShift !== false &&
        officer.id !== ticket.assigneeId &&
        officer.activeTickets < officer.capacity &&
        (!ticket.squadId || officer.squadId === ticket.squadId),
    )
    .map((officer) => ({
      officer,
      meters: officer.location ? Math.round(metersBetween(officer.location, ticket.location)) : undefined,
    }))
    .sort(
      (a, b) =>
        (a.meters ?? Infinity) - (b.meters ?? Infinity) ||
        a.officer.activeTickets - b.officer.activeTickets ||
        byName(a.officer, b.officer),
    );
}
