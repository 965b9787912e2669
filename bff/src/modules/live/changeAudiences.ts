import type { AlarmDocument } from '../alarms/alarmModel';
import type { EscortDocument } from '../escorts/escortModels';
import type { TicketDocument } from '../tickets/ticketModel';

type Lookup = (id: string | null) => Promise<readonly string[]>;

/**
 * Whom a ticket change concerns: its reporters (joiners too), whoever holds it, and the leaders of its
 * squad, before and after the change (an officer it was taken from hears that it left them).
 */
export async function ticketAudience(
  ticket: Pick<TicketDocument, 'reporterIds' | 'assigneeId' | 'squadId'>,
  previous: Pick<TicketDocument, 'assigneeId' | 'squadId'> | null,
  squadLeaders: Lookup,
): Promise<string[]> {
  const squads = new Set([ticket.squadId, previous?.squadId ?? null].filter(Boolean));
  const leaders = await Promise.all([...squads].map((squadId) => squadLeaders(squadId)));
  return [...ticket.reporterIds, ticket.assigneeId, previous?.assigneeId, ...leaders.flat()].filter(
    (id): id is string => Boolean(id),
  );
}

/** Whom an escort change concerns: who booked it, the elder's family, and its volunteer (also one who left it). */
export async function escortAudience(
  escort: Pick<EscortDocument, 'createdBy' | 'volunteerId' | 'elderId'>,
  previous: Pick<EscortDocument, 'volunteerId'> | null,
  familyOf: Lookup,
): Promise<string[]> {
  const family = await familyOf(escort.elderId);
  return [escort.createdBy, escort.volunteerId, previous?.volunteerId, ...family].filter((id): id is string =>
    Boolean(id),
  );
}

/** Whom an alarm change concerns here: the owners of the household it went off in (staff have their console). */
export async function alarmAudience(
  alarm: Pick<AlarmDocument, 'householdId'>,
  ownersOf: Lookup,
): Promise<string[]> {
  return alarm.householdId ? [...(await ownersOf(alarm.householdId))] : [];
}
