import type { Connection } from 'mongoose';
import type { Role } from '@jiefang/contracts';
import type { Clock } from '../infra/clock';
import { HttpError } from '../http/httpError';
import { gridsOfStreet, type District } from '../modules/district/district';
import { staffAccounts } from '../modules/users/staffAccounts';
import { identityKey, userModels } from '../modules/users/userModel';

export interface DemoAccount {
  username: string;
  name: string;
  roles: Role[];
  street?: string;
  /** Grid workers (网格员): the grid they look after. */
  grid?: string;
}

/**
 * Staff who sign in to the admin panel: district-wide roles, then each street's squad, community worker
 * and a grid worker per grid (a community worker with a grid: `<street>-grid1..n` in the grids' order).
 */
export function demoStaff(district: District): DemoAccount[] {
  const perStreet = district.features.flatMap(({ properties: street }) => {
    const short = street.name.replace(/街道$/, '');
    return [
      {
        username: `${street.id}-leader`,
        name: `${short}中队长`,
        roles: ['squad_leader'] as Role[],
        street: street.id,
      },
      ...[1, 2, 3].map((n) => ({
        username: `${street.id}-officer${n}`,
        name: `${short}队员${n}号`,
        roles: ['officer'] as Role[],
        street: street.id,
      })),
      {
        username: `${street.id}-worker`,
        name: `${short}社区工作者`,
        roles: ['community_worker'] as Role[],
        street: street.id,
      },
      ...gridsOfStreet(district, street.id).map(({ properties: grid }, index) => ({
        username: `${street.id}-grid${index + 1}`,
        name: `${short}网格员${index + 1}号`,
        roles: ['community_worker'] as Role[],
        street: street.id,
        grid: grid.id,
      })),
    ];
  });
  return [
    { username: 'admin', name: '系统管理员', roles: ['admin', 'dispatcher'] },
    { username: 'dispatcher', name: '指挥中心调度员', roles: ['dispatcher'] },
    ...perStreet,
  ];
}

/** Mini-program users reachable through the dev login (same role and name reuse these accounts). */
export const demoMiniProgramUsers: Array<{ role: Role; name: string }> = [
  { role: 'resident', name: '王阿姨' },
  { role: 'resident', name: '李大爷' },
  { role: 'volunteer', name: '志愿者小陈' },
  { role: 'property_owner', name: '房东黄先生' },
];

export interface SeedResult {
  created: string[];
  existing: string[];
}

/** Creates the demo accounts; running it again leaves existing accounts (and their passwords) alone. */
export async function seedDemoAccounts(
  mongo: Connection,
  district: District,
  clock: Clock,
  password: string,
): Promise<SeedResult> {
  const accounts = staffAccounts(userModels(mongo), district, clock);
  const result: SeedResult = { created: [], existing: [] };
  for (const staff of demoStaff(district)) {
    try {
      // Demo accounts share the demo password, kept as it is (no forced change on first sign-in).
      await accounts.create({ ...staff, password }, { mustChangePassword: false });
      result.created.push(staff.username);
    } catch (error) {
      if (error instanceof HttpError && error.status === 409) result.existing.push(staff.username);
      else throw error;
    }
  }

  const { User, Identity } = userModels(mongo);
  for (const person of demoMiniProgramUsers) {
    const key = identityKey.devLogin(person.role, person.name, undefined);
    if (await Identity.exists({ _id: key })) {
      result.existing.push(`${person.name}（${person.role}）`);
      continue;
    }
    const now = clock.now();
    const id = `demo-${person.role}-${Buffer.from(person.name).toString('hex').slice(0, 12)}`;
    await User.updateOne(
      { _id: id },
      {
        $setOnInsert: {
          name: person.name,
          roles: [person.role],
          disabled: false,
          createdAt: now,
          updatedAt: now,
        },
      },
      { upsert: true },
    );
    await Identity.updateOne(
      { _id: key },
      { $setOnInsert: { userId: id, createdAt: now } },
      { upsert: true },
    );
    result.created.push(`${person.name}（${person.role}）`);
  }
  return result;
}
