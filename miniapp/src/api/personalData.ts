import {
  accountDeletionPhrase,
  accountDeletionSchema,
  personalDataSchema,
  type AccountDeletion,
  type PersonalData,
} from '@jiefang/contracts';
import type { ApiClient } from './client';
import { contractRoute, type RouteTarget } from './contractRoute';

const routes = {
  data: contractRoute('GET', '/api/me/data'),
  export: contractRoute('GET', '/api/me/data/export'),
  deleteAccount: contractRoute('DELETE', '/api/me'),
};

export interface PersonalDataApi {
  /** GET /api/me/data: everything held about the caller (each list the newest 50, with its total). */
  data(): Promise<PersonalData>;
  /** DELETE /api/me, sent once the resident has confirmed: signs them out for good. */
  deleteAccount(): Promise<AccountDeletion>;
}

/** GET /api/me/data/export: the JSON file to download (the platform's downloader sends the token). */
export const personalDataExportTarget = (): RouteTarget => routes.export.to();

export function createPersonalDataApi(client: ApiClient): PersonalDataApi {
  return {
    data: () => client.send(routes.data.to(), personalDataSchema),
    deleteAccount: () =>
      client.send(routes.deleteAccount.to(), accountDeletionSchema, { confirm: accountDeletionPhrase }),
  };
}
