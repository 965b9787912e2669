import type { Role } from '@jiefang/contracts';
import type { Logger } from '../infra/logger';

export interface Caller {
  userId: string;
  roles: Role[];
  /** The enforcement squad of an officer or squad leader. */
  squadId?: string;
  /**
   * The account's street, carried in the token: it limits a street's administrator to that street
   * (domain/staffScope.ts). Editing an account's street ends its sessions, so this stays true.
   */
  streetId?: string;
  /** The caller's display name, for timelines. */
  name?: string;
  /** Signed in through the dev login (DEV_LOGIN): may not create staff accounts. */
  viaDevLogin?: boolean;
  /** Signed in with a one-time password: may only change it (routes marked `passwordChange`). */
  passwordChangeOnly?: boolean;
}

/** What middleware puts on ctx.state for the handlers after it. */
export interface AppState {
  requestId: string;
  logger: Logger;
  caller?: Caller;
}
