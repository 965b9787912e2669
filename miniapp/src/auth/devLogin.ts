import { devLoginRequestSchema, squadRoles, type DevLoginRequest, type Role } from '@jiefang/contracts';
import { t } from '../i18n';

export type StreetChoice = 'required' | 'optional' | 'hidden';

/** Squad members must belong to a street; community workers may; nobody else is asked. */
export function streetChoiceFor(role: Role): StreetChoice {
  if (squadRoles.includes(role)) return 'required';
  if (role === 'community_worker') return 'optional';
  return 'hidden';
}

export interface DevLoginForm {
  name: string;
  role: Role;
  /** A street id from GET /api/streets, or undefined for none. */
  street: string | undefined;
}

export type DevLoginValidation = { ok: true; request: DevLoginRequest } | { ok: false; message: string };

/** Checks the form before it is sent, with the contract's own schema, and drops a street the role does not use. */
export function validateDevLogin(form: DevLoginForm): DevLoginValidation {
  const choice = streetChoiceFor(form.role);
  const street = choice === 'hidden' ? undefined : form.street;
  if (choice === 'required' && !street) return { ok: false, message: t('login.error.streetRequired') };
  const parsed = devLoginRequestSchema.safeParse({
    role: form.role,
    name: form.name,
    ...(street ? { street } : {}),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: issue?.path[0] === 'name' ? issue.message : t('login.error.nameRequired') };
  }
  return { ok: true, request: parsed.data };
}
