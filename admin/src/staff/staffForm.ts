import {
  squadRoles,
  type CreateStaffAccountRequest,
  type DistrictMap,
  type Role,
  type UpdateUserRequest,
  type User,
} from '@jiefang/contracts';

/** What the create/edit drawer holds; empty strings are fields left blank. */
export interface StaffFormValues {
  username: string;
  password: string;
  name: string;
  roles: Role[];
  street?: string;
  grid?: string;
  phone: string;
  wecomUserId: string;
}

export const emptyStaffForm: StaffFormValues = {
  username: '',
  password: '',
  name: '',
  roles: [],
  phone: '',
  wecomUserId: '',
};

/** The drawer's values for an existing account. */
export function staffFormOf(user: User): StaffFormValues {
  return {
    username: user.username ?? '',
    password: '',
    name: user.name,
    roles: [...user.roles],
    ...(user.streetId ? { street: user.streetId } : {}),
    ...(user.gridId ? { grid: user.gridId } : {}),
    phone: user.phone ?? '',
    wecomUserId: user.wecomUserId ?? '',
  };
}

/** Only community workers look after a grid (网格员). */
export const takesGrid = (roles: readonly Role[]) => roles.includes('community_worker');
/** Officers and squad leaders belong to a street's squad, so they need a street. */
export const needsStreet = (roles: readonly Role[]) => roles.some((role) => squadRoles.includes(role));

/** The grids of a street, for the grid selector. */
export function gridOptions(district: DistrictMap | undefined, streetId: string | undefined) {
  if (!district || !streetId) return [];
  return district.grids
    .filter((grid) => grid.properties.streetId === streetId)
    .map((grid) => ({
      value: grid.properties.id,
      label: `${grid.properties.community} · ${grid.properties.name}`,
    }));
}

export function createRequestOf(values: StaffFormValues): CreateStaffAccountRequest {
  const grid = takesGrid(values.roles) ? values.grid : undefined;
  return {
    username: values.username.trim(),
    password: values.password,
    name: values.name.trim(),
    roles: values.roles,
    ...(values.street ? { street: values.street } : {}),
    ...(grid ? { grid } : {}),
    ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
    ...(values.wecomUserId.trim() ? { wecomUserId: values.wecomUserId.trim() } : {}),
  };
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) =>
  a.length === b.length && a.every((role) => b.includes(role));

/**
 * The PATCH for what the drawer changed (a blanked field clears it), or null when nothing changed. Only
 * changed fields are sent, so a name fix does not end the person's sessions.
 */
export function editRequestOf(user: User, values: StaffFormValues): UpdateUserRequest | null {
  const change: UpdateUserRequest = {};
  const name = values.name.trim();
  if (name !== user.name) change.name = name;
  if (!sameRoles(values.roles, user.roles)) change.roles = values.roles;
  const street = values.street || undefined;
  if (street !== user.streetId) change.street = street ?? null;
  const grid = (takesGrid(values.roles) && values.grid) || undefined;
  if (grid !== user.gridId) change.grid = grid ?? null;
  const phone = values.phone.trim() || undefined;
  if (phone !== user.phone) change.phone = phone ?? null;
  const wecomUserId = values.wecomUserId.trim() || undefined;
  if (wecomUserId !== user.wecomUserId) change.wecomUserId = wecomUserId ?? null;
  return Object.keys(change).length > 0 ? change : null;
}

/** Does the change end the person's sessions (new roles or another street's squad)? */
export const endsSessions = (change: UpdateUserRequest) =>
  change.roles !== undefined || change.street !== undefined;

const passwordAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/** A first password to hand over (letters and digits, none easily misread); it must be changed at first sign-in. */
export function generatedPassword(random: (count: number) => Uint32Array = randomWords): string {
  for (;;) {
    const password = Array.from(random(12), (word) => passwordAlphabet[word % passwordAlphabet.length]).join(
      '',
    );
    if (/\d/.test(password) && /[A-Za-z]/.test(password)) return password;
  }
}

function randomWords(count: number): Uint32Array {
  return crypto.getRandomValues(new Uint32Array(count));
}
