import { z } from 'zod';

export const roles = [
  'resident',
  'volunteer',
  'property_owner',
  'community_worker',
  'officer',
  'squad_leader',
  'dispatcher',
  'admin',
] as const;

export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** Roles whose members sign in to the admin panel with a username and password. */
export const staffRoles: readonly Role[] = [
  'community_worker',
  'officer',
  'squad_leader',
  'dispatcher',
  'admin',
];

/** Roles that belong to a street's enforcement squad. */
export const squadRoles: readonly Role[] = ['officer', 'squad_leader'];
