import {
  confirmOwnerInvitationResponseSchema,
  householdListSchema,
  type ConfirmOwnerInvitationResponse,
  type HouseholdList,
} from '@jiefang/contracts';
import type { ApiClient } from './client';
import { contractRoute } from './contractRoute';

const routes = {
  list: contractRoute('GET', '/api/households'),
  confirm: contractRoute('POST', '/api/households/invitations/confirm'),
};

export interface HouseholdsApi {
  /** GET /api/households?mine=1: the households the caller owns (their addresses). */
  mine(): Promise<HouseholdList>;
  /** POST /api/households/invitations/confirm: phone + code from the invitation → owner, with a new session. */
  confirm(phone: string, code: string): Promise<ConfirmOwnerInvitationResponse>;
}

export function createHouseholdsApi(client: ApiClient): HouseholdsApi {
  return {
    mine: () => client.send(routes.list.to({}, { mine: 1 }), householdListSchema),
    confirm: (phone, code) =>
      client.send(routes.confirm.to(), confirmOwnerInvitationResponseSchema, { phone, code }),
  };
}
