import type { TicketDocument } from './ticketModel';

type Rating = NonNullable<TicketDocument['rating']>;

/** The reporter's own rating of the ticket, if they gave one (tickets from before `ratings` hold one). */
export function ratingOf(
  ticket: Pick<TicketDocument, 'rating' | 'ratings'>,
  reporterId: string,
): Rating | null {
  return (
    ticket.ratings?.find((rating) => rating.by === reporterId) ??
    (ticket.rating?.by === reporterId ? ticket.rating : null)
  );
}

export const ratingView = (rating: Rating | null) =>
  rating ? { score: rating.score, comment: rating.comment, at: rating.at.toISOString() } : null;
