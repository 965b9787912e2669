import type { Clock } from '../../infra/clock';
import type { DelayedJobs } from '../../infra/delayedJobs';
import type { DocumentLocks } from '../../infra/documentLocks';
import type { Logger } from '../../infra/logger';
import type { NotificationRelay } from '../../infra/versionedChanges';
import type { District } from '../district/district';
import type { StaffDirectory } from '../dispatch/staffDirectory';
import { escortBookings, type EscortTimerJob } from './escortBookings';
import { escortChanges } from './escortChanges';
import { escortElders } from './escortElders';
import { escortHours } from './escortHours';
import type { EscortDocument, EscortModels } from './escortModels';
import { escortVolunteers } from './escortVolunteers';

/**
 * Volunteer escorts as the routes see them: elders, volunteers, bookings and the hours ledger, each in
 * its own file, sharing one way to change an escort (`escortChanges`).
 */
export function escortBook(deps: {
  models: EscortModels;
  district: District;
  staff: StaffDirectory;
  relay: NotificationRelay;
  locks: DocumentLocks;
  timers: DelayedJobs<EscortTimerJob>;
  clock: Clock;
  logger: Logger;
  /** After every change of an escort (see `escortChanges`). */
  onChange?: (escort: EscortDocument, previous: EscortDocument | null) => void;
}) {
  const { models, clock } = deps;
  const changes = escortChanges({
    models,
    locks: deps.locks,
    clock,
    relay: deps.relay,
    logger: deps.logger,
    onChange: deps.onChange,
  });
  const elders = escortElders({ models, district: deps.district, clock });
  const volunteers = escortVolunteers({ models, district: deps.district, clock });
  const bookings = escortBookings({
    models,
    changes,
    elders,
    volunteers,
    staff: deps.staff,
    locks: deps.locks,
    timers: deps.timers,
    clock,
  });
  const hours = escortHours({ models, changes, clock });
  return {
    elderOf: elders.elderOf,
    createElder: elders.createElder,
    listElders: elders.listElders,
    getElder: elders.getElder,
    volunteerOf: volunteers.volunteerOf,
    registerVolunteer: volunteers.registerVolunteer,
    verifyVolunteer: volunteers.verifyVolunteer,
    listVolunteers: volunteers.listVolunteers,
    ...bookings,
    ...hours,
  };
}

export type EscortBook = ReturnType<typeof escortBook>;
