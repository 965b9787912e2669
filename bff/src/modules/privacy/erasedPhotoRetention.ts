import type { Model } from 'mongoose';
import { erasedPhotosMayGo, erasedPseudonymPrefix, withoutErasedPhotos } from '../../domain/accountErasure';
import type { Clock } from '../../infra/clock';
import type { Logger } from '../../infra/logger';
import type { VersionedChanges } from '../../infra/versionedChanges';
import type { TicketDocument } from '../tickets/ticketModel';
import { submissionOf } from '../tickets/ticketSubmissions';
import type { ErasedPhotoHoldDocument } from './erasedPhotoHoldModel';

/** Writes holds: once per ticket and pseudonym, however often asked. */
export function erasedPhotoHolds(deps: { holds: Model<ErasedPhotoHoldDocument>; clock: Clock }) {
  return {
    async hold(ticketId: string, pseudonym: string): Promise<void> {
      const now = deps.clock.now();
      await deps.holds
        .updateOne(
          { _id: `${ticketId}:${pseudonym}` },
          { $setOnInsert: { ticketId, pseudonym, heldAt: now, checkedAt: now } },
          { upsert: true },
        )
        .exec();
    },
  };
}

/**
 * Holds the photos of reporters erased before holds existed (still on their tickets, which were open
 * then): a scan of the tickets, so run once (`npm run privacy:hold-erased-photos`), at any time; the
 * sweep then removes them once their tickets are finished. Returns how many it holds.
 */
export async function holdErasedPhotoLeftovers(deps: {
  holds: Model<ErasedPhotoHoldDocument>;
  tickets: Pick<Model<TicketDocument>, 'find'>;
  clock: Clock;
}): Promise<number> {
  const { hold } = erasedPhotoHolds(deps);
  let held = 0;
  const erased = deps.tickets
    .find({ 'reporters.userId': { $regex: `^${erasedPseudonymPrefix}` } })
    .lean<TicketDocument[]>()
    .cursor();
  for await (const ticket of erased) {
    for (const reporter of ticket.reporters) {
      if (!reporter.userId.startsWith(erasedPseudonymPrefix)) continue;
      if (!submissionOf(ticket, reporter.userId)?.photos.length) continue;
      await hold(ticket._id, reporter.userId);
      held += 1;
    }
  }
  return held;
}

/** How many holds one sweep looks at: the rest wait for the next round (every 15 s). */
export const holdsPerSweep = 50;

/**
 * The retention of an erased reporter's photos on tickets still open when they deleted their account
 * (docs/privacy.md): the deletion holds them (`hold`), and the periodic sweep removes them once the
 * ticket is finished. Crash-safe: the photos go from storage before the ticket's write (a rerun finds the
 * same photos and removes them again), and the hold goes last; each step can run again without harm.
 */
export function erasedPhotoRetention(deps: {
  holds: Model<ErasedPhotoHoldDocument>;
  tickets: Pick<Model<TicketDocument>, 'findById'>;
  /** The tickets' change kernel (every ticket write goes the one way, under its lock). */
  ticketChanges: Pick<VersionedChanges<TicketDocument>, 'apply'>;
  photos: { remove(ids: readonly string[]): Promise<void> };
  /** How long after a resolution a reporter may reopen (the tickets module's policy). */
  reopenWithinMs: number;
  clock: Clock;
  logger: Logger;
}) {
  const { clock } = deps;

  /** Removes the pseudonym's photos from the ticket if it is finished; true when nothing is held any more. */
  const release = async (hold: ErasedPhotoHoldDocument): Promise<boolean> => {
    const ticket = await deps.tickets.findById(hold.ticketId).lean<TicketDocument>().exec();
    if (!ticket) return true;
    if (!erasedPhotosMayGo(ticket, clock.now(), deps.reopenWithinMs)) return false;
    let done = true;
    await deps.ticketChanges.apply(hold.ticketId, async (current) => {
      // Decided again on the ticket under its lock: a reopen may have come in between.
      if (!erasedPhotosMayGo(current, clock.now(), deps.reopenWithinMs)) {
        done = false;
        return null;
      }
      const removal = withoutErasedPhotos(
        current,
        hold.pseudonym,
        submissionOf(current, hold.pseudonym)?.photos ?? [],
      );
      if (!removal) return null;
      await deps.photos.remove(removal.photoIds);
      return { set: removal.set };
    });
    return done;
  };

  const writer = erasedPhotoHolds(deps);

  return {
    /** Called by the deletion before it erases a reporter whose photos stay on an open ticket. */
    hold: writer.hold,

    /** Removes the held photos of finished tickets; returns how many holds it released. */
    async sweep(): Promise<number> {
      const holds = await deps.holds
        .find()
        .sort({ checkedAt: 1 })
        .limit(holdsPerSweep)
        .lean<ErasedPhotoHoldDocument[]>()
        .exec();
      let released = 0;
      for (const hold of holds) {
        try {
          if (await release(hold)) {
            await deps.holds.deleteOne({ _id: hold._id }).exec();
            released += 1;
          } else {
            await deps.holds.updateOne({ _id: hold._id }, { $set: { checkedAt: clock.now() } }).exec();
          }
        } catch (error) {
          deps.logger.warn({ err: error, ticketId: hold.ticketId }, 'erased photos not removed yet');
        }
      }
      return released;
    },
  };
}

export type ErasedPhotoRetention = ReturnType<typeof erasedPhotoRetention>;
