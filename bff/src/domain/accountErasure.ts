/**
 * What deleting a resident's account does to the records that stay (PIPL): reports and escorts are kept
 * for the record, but nothing in them may point back to the person. Pure rules over plain shapes; the
 * module (modules/privacy) reads and writes the documents.
 */

/** How the pseudonyms that replace an erased person on their records begin. */
export const erasedPseudonymPrefix = 'erased-';
/** Shown where a deleted account's name was. */
export const erasedName = '已注销用户';
/** Put in place of contact details found in free text. */
export const redactedMark = '［已删除］';

/** Ticket statuses after which a report's photos are no longer evidence for work still to do. */
export const finishedTicketStatuses: readonly string[] = ['confirmed', 'closed'];
/** Escort statuses that still need the booker or the volunteer: deletion waits for them. */
export const activeEscortStatuses: readonly string[] = ['open', 'accepted', 'in_progress'];

const contactPatterns: readonly RegExp[] = [
  // Resident identity card numbers (before mobiles, which could match inside one).
  /(?<!\d)\d{17}[\dXx](?!\d)/g,
  // Mainland mobiles, also written with spaces or dashes, with or without +86.
  /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?!\d)/g,
  // Landlines with an area code (020-12345678).
  /(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)/g,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
];

/** Free text with phone numbers, ID numbers and e-mail addresses removed; the rest stays as written. */
export function redactContactDetails(text: string): string {
  return contactPatterns.reduce((current, pattern) => current.replace(pattern, redactedMark), text);
}

const redactNullable = (text: string | null | undefined) =>
  text === null || text === undefined ? text : redactContactDetails(text);

interface PhotoRef {
  id: string;
  thumbnailId: string;
}
interface Rating {
  score: number;
  comment: string;
  at: Date;
  by: string;
}
interface TimelineEntry {
  actorId: string | null;
  actorName?: string | null;
  reason?: string;
  note?: string | null;
  details?: Record<string, unknown>;
}

/** The fields of a ticket that can name a reporter. */
export interface ReportedTicket<Entry extends TimelineEntry = TimelineEntry> {
  status: string;
  description: string;
  reporters: Array<{ userId: string; anonymous: boolean; at: Date }>;
  reporterIds: string[];
  submissions?: Array<{
    reporterId: string;
    anonymous: boolean;
    description: string;
    photos: PhotoRef[];
  }>;
  photos: PhotoRef[];
  rating: Rating | null;
  ratings?: Rating[];
  timeline: Entry[];
}

export interface TicketErasure<T> {
  /** The fields to set (whole lists, as the change kernel writes them). */
  set: Partial<T>;
  /** The person's own photos to remove from storage (on finished tickets only). */
  photoIds: string[];
}

const erasedEntry = <Entry extends TimelineEntry>(entry: Entry, userId: string, pseudonym: string): Entry => {
  if (entry.actorId !== userId && !Object.values(entry.details ?? {}).includes(userId)) return entry;
  const details = entry.details
    ? Object.fromEntries(
        Object.entries(entry.details).map(([key, value]) => [key, value === userId ? pseudonym : value]),
      )
    : undefined;
  return {
    ...entry,
    ...(entry.actorId === userId ? { actorId: null, actorName: null } : {}),
    ...(entry.actorId === userId && entry.reason ? { reason: redactContactDetails(entry.reason) } : {}),
    ...(entry.actorId === userId && entry.note ? { note: redactContactDetails(entry.note) } : {}),
    ...(details ? { details } : {}),
  } as Entry;
};

/**
 * A report with one reporter erased: their link (id in reporters, submissions, ratings, timeline) is
 * replaced by a pseudonym made for this ticket alone, so two reports by the same deleted person cannot be
 * tied together; they no longer count among the reporterIds (no notifications, no access); contact
 * details in their words are removed. Their photos stay while the ticket is open (evidence for the work
 * still to do) and go once it is finished. The ticket's count of reporters and its history stay.
 */
export function eraseReporter<T extends ReportedTicket>(
  ticket: T,
  userId: string,
  pseudonym: string,
  /** The person's own photos (their submission's, also when it is the ticket's first, unstored one). */
  ownPhotos: readonly PhotoRef[],
): TicketErasure<T> {
  const finished = finishedTicketStatuses.includes(ticket.status);
  const firstReporter = ticket.reporters[0]?.userId === userId;
  const photoIds = finished ? ownPhotos.flatMap((photo) => [photo.id, photo.thumbnailId]) : [];
  const removed = new Set(photoIds);
  const rating = (value: Rating): Rating =>
    value.by === userId ? { ...value, by: pseudonym, comment: redactContactDetails(value.comment) } : value;
  const set: Partial<ReportedTicket> = {
    reporters: ticket.reporters.map((reporter) =>
      reporter.userId === userId ? { ...reporter, userId: pseudonym, anonymous: true } : reporter,
    ),
    reporterIds: ticket.reporterIds.filter((id) => id !== userId),
    photos: ticket.photos.filter((photo) => !removed.has(photo.id)),
    rating: ticket.rating ? rating(ticket.rating) : null,
    timeline: ticket.timeline.map((entry) => erasedEntry(entry, userId, pseudonym)),
    ...(firstReporter ? { description: redactContactDetails(ticket.description) } : {}),
    ...(ticket.submissions
      ? {
          submissions: ticket.submissions.map((submission) =>
            submission.reporterId === userId
              ? {
                  ...submission,
                  reporterId: pseudonym,
                  anonymous: true,
                  description: redactContactDetails(submission.description),
                  photos: submission.photos.filter((photo) => !removed.has(photo.id)),
                }
              : submission,
          ),
        }
      : {}),
    ...(ticket.ratings ? { ratings: ticket.ratings.map(rating) } : {}),
  };
  return { set: set as Partial<T>, photoIds };
}

/** The fields of an escort that can name its booker or volunteer. */
export interface ServedEscort {
  createdBy: string;
  volunteerId: string | null;
  volunteerName: string | null;
  notes: string | null;
  completionNotes: string | null;
  rating: Rating | null;
  sos: Array<{ by: string; note: string | null }>;
  timeline: TimelineEntry[];
}

/** An escort with one person (its booker or its volunteer) erased, as eraseReporter does for reports. */
export function eraseEscortParty<T extends ServedEscort>(
  escort: T,
  userId: string,
  pseudonym: string,
): Partial<T> {
  const booker = escort.createdBy === userId;
  const volunteer = escort.volunteerId === userId;
  const set: Partial<ServedEscort> = {
    timeline: escort.timeline.map((entry) => erasedEntry(entry, userId, pseudonym)),
    sos: escort.sos.map((call) =>
      call.by === userId ? { ...call, by: pseudonym, note: redactNullable(call.note) ?? null } : call,
    ),
    ...(booker ? { createdBy: pseudonym, notes: redactNullable(escort.notes) ?? null } : {}),
    ...(volunteer
      ? {
          volunteerId: pseudonym,
          volunteerName: erasedName,
          completionNotes: redactNullable(escort.completionNotes) ?? null,
        }
      : {}),
    ...(escort.rating?.by === userId
      ? {
          rating: { ...escort.rating, by: pseudonym, comment: redactContactDetails(escort.rating.comment) },
        }
      : {}),
  };
  return set as Partial<T>;
}

export interface BlockingRecords {
  /** Escorts the person booked or serves as the volunteer, with their status. */
  escorts: Array<{ id: string; status: string; createdBy: string; volunteerId: string | null }>;
  /** Households the person owns, with how many owners and devices each has. */
  households: Array<{ id: string; address: string; ownerCount: number; deviceCount: number }>;
}

export interface Blocker {
  kind: 'escort_booked' | 'escort_serving' | 'household_devices';
  id: string;
  message: string;
}

/**
 * What must be settled before the account can go: an escort still under way (an elder is waiting on
 * it), and a household with devices whose only owner the person is (its alarms would reach nobody).
 * A household with other owners, or without devices, is simply left by the person.
 */
export function deletionBlockers(userId: string, records: BlockingRecords): Blocker[] {
  const blockers: Blocker[] = [];
  for (const escort of records.escorts) {
    if (!activeEscortStatuses.includes(escort.status)) continue;
    if (escort.createdBy === userId)
      blockers.push({
        kind: 'escort_booked',
        id: escort.id,
        message: '您预约的陪护尚未结束：请先取消预约，或等陪护完成后再注销',
      });
    else if (escort.volunteerId === userId)
      blockers.push({
        kind: 'escort_serving',
        id: escort.id,
        message: '您接下的陪护尚未完成：请先完成或退出该任务后再注销',
      });
  }
  for (const household of records.households) {
    if (household.deviceCount > 0 && household.ownerCount <= 1)
      blockers.push({
        kind: 'household_devices',
        id: household.id,
        message: `房屋“${household.address}”装有监测设备且您是唯一屋主：请先联系社区工作人员转给新屋主或拆除设备`,
      });
  }
  return blockers;
}

/**
 * Whether the photos an erased reporter left on a ticket (kept as evidence while it was open) may go
 * now: once it is finished (confirmed or closed), or resolved and past the time in which a reporter
 * may still reopen it (no one may confirm for an erased reporter, so a resolved ticket can stay so).
 */
export function erasedPhotosMayGo(
  ticket: { status: string; resolvedAt: Date | null },
  now: Date,
  reopenWithinMs: number,
): boolean {
  if (finishedTicketStatuses.includes(ticket.status)) return true;
  return (
    ticket.status === 'resolved' &&
    ticket.resolvedAt !== null &&
    now.getTime() - ticket.resolvedAt.getTime() > reopenWithinMs
  );
}

/**
 * A ticket without the photos an erased reporter (known on it by their pseudonym) left: gone from their
 * submission and from the ticket's photos; null when it holds none of them any more (already done).
 */
export function withoutErasedPhotos<T extends Pick<ReportedTicket, 'photos' | 'submissions'>>(
  ticket: T,
  pseudonym: string,
  /** The pseudonym's own photos (their submission's, also when it is the ticket's first, unstored one). */
  ownPhotos: readonly PhotoRef[],
): TicketErasure<T> | null {
  const photoIds = ownPhotos.flatMap((photo) => [photo.id, photo.thumbnailId]);
  if (!photoIds.length) return null;
  const removed = new Set(photoIds);
  const set: Partial<ReportedTicket> = {
    photos: ticket.photos.filter((photo) => !removed.has(photo.id)),
    ...(ticket.submissions
      ? {
          submissions: ticket.submissions.map((submission) =>
            submission.reporterId === pseudonym
              ? { ...submission, photos: submission.photos.filter((photo) => !removed.has(photo.id)) }
              : submission,
          ),
        }
      : {}),
  };
  return { set: set as Partial<T>, photoIds };
}
