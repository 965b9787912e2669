import type { Role, UpdateUserRequest, User } from '@jiefang/contracts';
import type { Clock } from '../../infra/clock';
import { forbidden, notFound } from '../../http/httpError';
import { placementRefusal, sessionsMustEnd, squadLeft, type AdminReach } from '../../domain/staffScope';
import { findStreet, type District } from '../district/district';
import { placeAccount } from './placement';
import type { StaffChanges } from './staffChanges';
import { toUserView, type UserDocument, type UserModels } from './userModel';

export type StaffEdit = Pick<UpdateUserRequest, 'name' | 'roles' | 'street' | 'grid'>;

export interface StaffEditsDeps {
  models: UserModels;
  district: District;
  clock: Clock;
  /** modules/auth's token revocations: tokens that name old roles or an old squad stop working. */
  revocations: { revoke(userId: string): Promise<void> };
  /** modules/officers' presence: an officer leaving a squad goes off duty there. */
  presence: { setDuty(officer: { id: string; squadId: string }, onDuty: boolean): Promise<unknown> };
  changes: StaffChanges;
  /** Hands the tickets an officer leaving a squad holds to someone else in it. */
  releaseOfficer: (officerId: string, reason: string) => Promise<number>;
}

/** The roles, street and grid an edit asks for, with what it leaves out kept from the account. */
function requestedPlacement(user: UserDocument, edit: StaffEdit) {
  const roles: Role[] = edit.roles ?? user.roles;
  // A new grid brings its own street; a new street drops the old grid (it was in the old street).
  const street =
    edit.street !== undefined ? (edit.street ?? undefined) : edit.grid ? undefined : user.streetId;
  const keepsGrid = edit.street === undefined && roles.includes('community_worker');
  const grid = edit.grid !== undefined ? (edit.grid ?? undefined) : keepsGrid ? user.gridId : undefined;
  return { roles, street, grid };
}

/**
 * An administrator's edits of a staff account's name, roles, street (its squad follows) and grid. Old
 * tokens carry roles and squad, so a change of either ends the person's sessions, as disabling does; an
 * officer leaving a squad also goes off duty there and hands on the tickets held in it.
 */
export function staffEdits(deps: StaffEditsDeps) {
  const { models, district, clock } = deps;

  return {
    async edit(reach: AdminReach, user: UserDocument, edit: StaffEdit): Promise<User> {
      const placement = placeAccount(district, requestedPlacement(user, edit));
      const refusal = placementRefusal(reach, placement);
      if (refusal) throw forbidden(refusal);
      const unset = (['streetId', 'squadId', 'gridId'] as const).filter(
        (key) => placement[key] === undefined,
      );
      const updated = await models.User.findOneAndUpdate(
        { _id: user._id },
        {
          $set: { ...placement, ...(edit.name ? { name: edit.name } : {}), updatedAt: clock.now() },
          ...(unset.length ? { $unset: Object.fromEntries(unset.map((key) => [key, 1])) } : {}),
        },
        { returnDocument: 'after' },
      ).lean();
      if (!updated) throw notFound('用户不存在');

      if (sessionsMustEnd(user, updated)) await deps.revocations.revoke(updated._id);
      const left = squadLeft(user, updated);
      if (left) {
        await deps.presence.setDuty({ id: updated._id, squadId: left }, false);
        await deps.releaseOfficer(updated._id, '队员已调离本中队');
      }
      // Cached role look-ups (dispatch, notifications) take the new roles and squad.
      await deps.changes.changed();
      const street = updated.streetId ? findStreet(district, updated.streetId) : undefined;
      return toUserView(updated, street?.properties.name);
    },
  };
}

export type StaffEdits = ReturnType<typeof staffEdits>;
