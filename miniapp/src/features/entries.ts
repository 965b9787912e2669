import { roles, type Role } from '@jiefang/contracts';
import { BIND_HOUSEHOLD_PAGE, NOISE_PAGE, OWNER_ALARMS_PAGE } from './devices/routes';
import {
  ESCORT_BOOK_PAGE,
  ESCORT_MINE_PAGE,
  ESCORT_OPEN_PAGE,
  ESCORT_TODAY_PAGE,
  VOLUNTEER_HOURS_PAGE,
} from './escort/routes';
import { MESSAGES_PAGE } from './notifications/routes';
import { OFFICER_DUTY_PAGE, OFFICER_HISTORY_PAGE, SQUAD_BOARD_PAGE } from './officer/routes';
import { MINE_PAGE, REPORT_CREATE_PAGE } from './report/routes';

/** Every feature a role's home card can point to. */
export const featureIds = [
  'report.create',
  'report.mine',
  'escort.book',
  'escort.mine',
  'escort.open',
  'escort.today',
  'escort.hours',
  'charging.alerts',
  'household.bind',
  'noise.nearby',
  'messages.inbox',
  'community.services',
  'enforcement.tickets',
  'enforcement.history',
  'squad.board',
  'dispatch.center',
] as const;
export type FeatureId = (typeof featureIds)[number];

/**
 * The page of each feature that has been built. A feature without a page is shown disabled as
 * 即将上线 instead of linking to an empty page; adding its page here is what switches it on.
 */
export const featurePages: Partial<Record<FeatureId, string>> = {
  'report.create': REPORT_CREATE_PAGE,
  'report.mine': MINE_PAGE,
  'charging.alerts': OWNER_ALARMS_PAGE,
  'household.bind': BIND_HOUSEHOLD_PAGE,
  'noise.nearby': NOISE_PAGE,
  'escort.book': ESCORT_BOOK_PAGE,
  'escort.mine': ESCORT_MINE_PAGE,
  'escort.open': ESCORT_OPEN_PAGE,
  'escort.today': ESCORT_TODAY_PAGE,
  'escort.hours': VOLUNTEER_HOURS_PAGE,
  'messages.inbox': MESSAGES_PAGE,
  'enforcement.tickets': OFFICER_DUTY_PAGE,
  'enforcement.history': OFFICER_HISTORY_PAGE,
  'squad.board': SQUAD_BOARD_PAGE,
};

/** What everyone signed in sees on the home page, whatever their roles (in a card of its own). */
export const commonFeatures: readonly FeatureId[] = ['messages.inbox', 'noise.nearby'];

/** What each role sees on the home page (elder and family bookings live under resident). */
export const featuresByRole: Record<Role, readonly FeatureId[]> = {
  // 绑定住户: a resident the community invited as a household's owner.
  resident: ['report.create', 'report.mine', 'escort.book', 'escort.mine', 'household.bind'],
  volunteer: ['escort.open', 'escort.today', 'escort.hours'],
  property_owner: ['charging.alerts'],
  community_worker: ['community.services'],
  officer: ['enforcement.tickets', 'enforcement.history'],
  // A squad leader commands the squad and still goes out on tickets.
  squad_leader: ['squad.board', 'enforcement.tickets', 'enforcement.history'],
  dispatcher: ['dispatch.center'],
  admin: ['dispatch.center'],
};

export interface FeatureEntry {
  id: FeatureId;
  /** The page to open, or undefined while the feature is still coming. */
  path: string | undefined;
  available: boolean;
}

export interface RoleEntry {
  role: Role;
  features: FeatureEntry[];
}

/** One entry per distinct role the user holds, in the canonical role order; unknown roles are ignored. */
export function entriesForRoles(
  userRoles: readonly string[],
  pages: Partial<Record<FeatureId, string>> = featurePages,
): RoleEntry[] {
  const held = new Set(userRoles);
  return roles
    .filter((role) => held.has(role))
    .map((role) => ({
      role,
      features: featuresByRole[role].map((id) => toEntry(id, pages)),
    }));
}

/** The features every signed-in user has, shown whatever the roles (even none known). */
export function commonEntries(pages: Partial<Record<FeatureId, string>> = featurePages): FeatureEntry[] {
  return commonFeatures.map((id) => toEntry(id, pages));
}

function toEntry(id: FeatureId, pages: Partial<Record<FeatureId, string>>): FeatureEntry {
  const path = pages[id];
  return { id, path, available: path !== undefined };
}
