import { pbkdf2Sync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The BFF's own account on the device broker, generated once per data directory. */
export interface BrokerAccount {
  username: string;
  password: string;
}

export const bffBrokerRole = 'jiefang-bff';

/**
 * What the BFF's account may do: read every device's uplink (also through `$share/...`), send
 * commands, and manage device accounts through the dynamic-security control topic.
 */
export const bffBrokerAcls = [
  { acltype: 'subscribePattern', topic: 'devices/#', allow: true },
  { acltype: 'subscribePattern', topic: '$share/+/devices/#', allow: true },
  // Mosquitto checks delivery too; without these the BFF never receives uplinks or control answers.
  { acltype: 'publishClientReceive', topic: 'devices/#', allow: true },
  { acltype: 'publishClientReceive', topic: '$CONTROL/dynamic-security/#', allow: true },
  { acltype: 'publishClientSend', topic: 'devices/+/cmd', allow: true },
  { acltype: 'publishClientSend', topic: '$CONTROL/dynamic-security/#', allow: true },
  { acltype: 'subscribePattern', topic: '$CONTROL/dynamic-security/#', allow: true },
];

/** Reads the BFF's broker account from the data directory, creating it on first use. */
export function bffBrokerAccount(dir: string): BrokerAccount {
  const file = path.join(dir, 'bff-account.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as BrokerAccount;
  const account = { username: 'jiefang-bff', password: randomBytes(24).toString('base64url') };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(account), { mode: 0o600 });
  return account;
}

/** Mosquitto's dynamic-security password format: PBKDF2-SHA512, base64 hash and salt. */
function dynamicSecurityPassword(password: string) {
  const salt = randomBytes(12);
  const iterations = 101;
  const hash = pbkdf2Sync(password, salt, iterations, 64, 'sha512');
  return { password: hash.toString('base64'), salt: salt.toString('base64'), iterations };
}

interface DynamicSecurityFile {
  defaultACLAccess: Record<string, boolean>;
  clients: Array<{ username: string; roles?: Array<{ rolename: string }> } & Record<string, unknown>>;
  groups: unknown[];
  roles: Array<{ rolename: string; acls: unknown[] } & Record<string, unknown>>;
}

/**
 * The plugin's state: anonymous access refused and nothing allowed by default; device accounts
 * (added at run time by the BFF) kept from the existing file; the BFF's account and role current.
 */
export function dynamicSecurityState(file: string, account: BrokerAccount): DynamicSecurityFile {
  const existing: DynamicSecurityFile | null = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as DynamicSecurityFile)
    : null;
  return {
    defaultACLAccess: {
      publishClientSend: false,
      publishClientReceive: true,
      subscribe: false,
      unsubscribe: true,
    },
    clients: [
      ...(existing?.clients ?? []).filter((client) => client.username !== account.username),
      {
        username: account.username,
        textname: 'Jiefang BFF',
        roles: [{ rolename: bffBrokerRole }],
        ...dynamicSecurityPassword(account.password),
      },
    ],
    groups: existing?.groups ?? [],
    roles: [
      ...(existing?.roles ?? []).filter((role) => role.rolename !== bffBrokerRole),
      { rolename: bffBrokerRole, acls: bffBrokerAcls },
    ],
  };
}
