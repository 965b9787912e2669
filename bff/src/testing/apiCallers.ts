import { roles, staffRoles, type Role } from '@jiefang/contracts';
import { signInAsStaff } from './staffLogin';
import type { TestApp } from './testApp';

export interface ApiCaller {
  role: Role;
  token: string;
  userId: string;
  /** Set for an administrator limited to a street (the role alone says district-wide). */
  street?: string;
}

// Officers and squad leaders belong to a street's squad; community workers to a street.
const streetOf: Partial<Record<Role, string>> = {
  officer: '赤岗街道',
  squad_leader: '赤岗街道',
  community_worker: '赤岗街道',
};

/** One signed-in caller of every role: staff with a password, as they sign in, the others through dev login. */
export async function callerOfEveryRole(app: TestApp): Promise<ApiCaller[]> {
  return Promise.all(
    roles.map(async (role) => {
      const { token, userId } = staffRoles.includes(role)
        ? await signInAsStaff(app, `matrix-${role.replace('_', '-')}`, [role], streetOf[role])
        : await app.loginAs(role, `矩阵${role}`, streetOf[role]);
      return { role, token, userId };
    }),
  );
}

/** A street's administrator (an admin account with a street): of 赤岗 unless told. */
export async function streetAdminCaller(app: TestApp, street = '赤岗街道', username = 'matrix-street-admin') {
  const { token, userId } = await signInAsStaff(app, username, ['admin'], street);
  return { role: 'admin' as const, token, userId, street };
}

/** Registers the volunteer among the callers and has the community worker verify them. */
export async function registerVerifiedVolunteer(app: TestApp, callers: ApiCaller[]): Promise<void> {
  const volunteer = callers.find((caller) => caller.role === 'volunteer');
  const worker = callers.find((caller) => caller.role === 'community_worker');
  if (!volunteer || !worker) throw new Error('needs a volunteer and a community worker among the callers');
  await app.http
    .post('/api/volunteers/me')
    .set('Authorization', `Bearer ${volunteer.token}`)
    .send({
      realName: '矩阵志愿者',
      phone: '13800000000',
      serviceArea: { street: streetOf.community_worker, lat: 23.1066, lng: 113.3245, radiusKm: 3 },
      availability: [{ weekday: 1, start: '08:00', end: '12:00' }],
    })
    .expect(200);
  await app.http
    .post(`/api/volunteers/${volunteer.userId}/verify`)
    .set('Authorization', `Bearer ${worker.token}`)
    .expect(200);
}
