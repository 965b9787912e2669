import type { UserDocument, UserModels } from './userModel';

/** The enabled officers' accounts, by name; of one squad when given. */
export function officerAccounts(models: UserModels) {
  return {
    enabled: (squadId?: string): Promise<UserDocument[]> =>
      models.User.find({ roles: 'officer', disabled: false, ...(squadId ? { squadId } : {}) })
        .sort({ name: 1 })
        .lean<UserDocument[]>()
        .exec(),
  };
}

export type OfficerAccounts = ReturnType<typeof officerAccounts>;
