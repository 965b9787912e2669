import type { CreateReportFields } from '@jiefang/contracts';
import type { StoredPhotoRef } from '../photos/storedPhotoRef';
import type { SubmissionRecord, TicketDocument } from './ticketModel';

type SubmissionSource = Pick<
  TicketDocument,
  'submissions' | 'reporters' | 'description' | 'address' | 'location' | 'accuracy' | 'photos' | 'reportedAt'
>;

/**
 * Every reporter's own submission. Tickets stored before submissions were kept have only the first
 * reporter's text at the top; it is theirs, with the photos no later submission holds.
 */
export function submissionsOf(ticket: SubmissionSource): SubmissionRecord[] {
  const stored = ticket.submissions ?? [];
  const first = ticket.reporters[0];
  if (!first || stored.some((submission) => submission.reporterId === first.userId)) return stored;
  const later = new Set(stored.flatMap((submission) => submission.photos.map((photo) => photo.id)));
  const original: SubmissionRecord = {
    reporterId: first.userId,
    anonymous: first.anonymous,
    description: ticket.description,
    address: ticket.address,
    location: ticket.location,
    ...(ticket.accuracy !== undefined && ticket.accuracy !== null ? { accuracy: ticket.accuracy } : {}),
    photos: ticket.photos.filter((photo) => !later.has(photo.id)),
    submittedAt: first.at ?? ticket.reportedAt,
  };
  return [original, ...stored];
}

export const submissionOf = (ticket: SubmissionSource, reporterId: string) =>
  submissionsOf(ticket).find((submission) => submission.reporterId === reporterId);

/** A resident's report as it joins a ticket. */
export const submissionFrom = (
  reporterId: string,
  fields: CreateReportFields,
  photos: StoredPhotoRef[],
  at: Date,
): SubmissionRecord => ({
  reporterId,
  anonymous: fields.anonymous,
  description: fields.description,
  address: fields.address,
  location: { lat: fields.lat, lng: fields.lng },
  ...(fields.accuracy !== undefined ? { accuracy: fields.accuracy } : {}),
  photos,
  submittedAt: at,
});
