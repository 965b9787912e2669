import { pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createBroker, type Client, type PublishPacket, type Subscription } from 'aedes';
import { bffBrokerAcls, bffBrokerRole, type BrokerAccount } from './brokerAccounts';

interface Acl {
  acltype: string;
  topic: string;
  allow: boolean;
}
interface Account {
  salt: string;
  hash: string;
  clientid?: string;
  disabled?: boolean;
  roles: string[];
}
interface AccountsState {
  clients: Record<string, Account>;
  roles: Record<string, Acl[]>;
}

const controlTopic = '$CONTROL/dynamic-security/v1';
const responseTopic = `${controlTopic}/response`;

const hashOf = (password: string, salt: string) =>
  pbkdf2Sync(password, Buffer.from(salt, 'base64'), 101, 64, 'sha512').toString('base64');

function account(password: string, roles: string[], clientid?: string): Account {
  const salt = randomBytes(12).toString('base64');
  return { salt, hash: hashOf(password, salt), roles, ...(clientid ? { clientid } : {}) };
}

/** Does an MQTT topic (or topic filter, for subscriptions) fall under an ACL's pattern? */
export function topicMatchesPattern(topic: string, pattern: string): boolean {
  const levels = topic.split('/');
  const patternLevels = pattern.split('/');
  for (let index = 0; index < patternLevels.length; index += 1) {
    const expected = patternLevels[index];
    if (expected === '#') return true;
    const actual = levels[index];
    if (actual === undefined) return false;
    if (expected === '+') {
      if (actual === '#') return false;
      continue;
    }
    if (actual !== expected) return false;
  }
  return levels.length === patternLevels.length;
}

/**
 * The fallback broker when Mosquitto is not installed: aedes with the same accounts model and the
 * subset of Mosquitto's dynamic-security control API the BFF uses, so the BFF speaks one protocol to
 * both. Shared subscriptions (`$share/group/…`) become plain ones: aedes has none, and the bridge's
 * `(deviceId, seq)` deduplication keeps several subscribers from processing a message twice.
 */
export async function startEmbeddedBroker(options: {
  host: string;
  port: number;
  stateFile: string;
  account: BrokerAccount;
}): Promise<{ close(): Promise<void> }> {
  const state = loadState(options.stateFile, options.account);
  const save = () => {
    fs.mkdirSync(path.dirname(options.stateFile), { recursive: true });
    fs.writeFileSync(options.stateFile, JSON.stringify(state), { mode: 0o600 });
  };
  save();

  const broker = createBroker();
  const usernames = new Map<Client, string>();
  broker.on('clientDisconnect', (client) => usernames.delete(client));
  const aclsOf = (client: Client | null, acltype: string): Acl[] => {
    const username = client ? usernames.get(client) : undefined;
    const found = username ? state.clients[username] : undefined;
    if (!found || found.disabled) return [];
    return found.roles.flatMap((role) => state.roles[role] ?? []).filter((acl) => acl.acltype === acltype);
  };
  const allowed = (client: Client | null, acltype: string, topic: string) => {
    const match = aclsOf(client, acltype).find((acl) => topicMatchesPattern(topic, acl.topic));
    return match?.allow === true;
  };
  const kick = (username: string) => {
    for (const [client, name] of usernames) if (name === username) client.close();
  };

  broker.authenticate = (client, username, password, done) => {
    const found = username ? state.clients[username] : undefined;
    const given = password ? hashOf(password.toString(), found?.salt ?? '') : '';
    const ok =
      !!found &&
      !found.disabled &&
      (!found.clientid || found.clientid === client.id) &&
      given.length === found.hash.length &&
      timingSafeEqual(Buffer.from(given), Buffer.from(found.hash));
    if (ok && username) usernames.set(client, username);
    done(null, ok);
  };

  broker.authorizePublish = (client, packet: PublishPacket, done) => {
    if (!allowed(client, 'publishClientSend', packet.topic)) return done(new Error('not authorised'));
    if (packet.topic === controlTopic) {
      const responses = handleControl(state, packet.payload.toString(), kick);
      save();
      broker.publish(
        {
          cmd: 'publish',
          topic: responseTopic,
          payload: JSON.stringify({ responses }),
          qos: 0,
          retain: false,
          dup: false,
        },
        () => undefined,
      );
    }
    done(null);
  };

  broker.authorizeSubscribe = (client, subscription: Subscription, done) => {
    const topic = subscription.topic.replace(/^\$share\/[^/]+\//, '');
    if (!allowed(client, 'subscribePattern', topic)) return done(new Error('not authorised'), null);
    done(null, { ...subscription, topic });
  };

  const server = net.createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function loadState(file: string, bff: BrokerAccount): AccountsState {
  const state: AccountsState = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as AccountsState)
    : { clients: {}, roles: {} };
  state.clients[bff.username] = account(bff.password, [bffBrokerRole]);
  state.roles[bffBrokerRole] = bffBrokerAcls;
  return state;
}

type ControlCommand = Record<string, unknown> & { command?: string };

function handleControl(state: AccountsState, text: string, kick: (username: string) => void) {
  let commands: ControlCommand[] = [];
  try {
    commands = (JSON.parse(text) as { commands?: ControlCommand[] }).commands ?? [];
  } catch {
    return [{ command: 'unknown', error: 'Invalid JSON' }];
  }
  return commands.map((command) => {
    const name = String(command.command);
    const error = runCommand(state, command, kick);
    return error ? { command: name, error } : { command: name };
  });
}

function runCommand(state: AccountsState, command: ControlCommand, kick: (username: string) => void) {
  const username = String(command.username ?? '');
  const rolename = String(command.rolename ?? '');
  const existing = state.clients[username];
  switch (command.command) {
    case 'createClient': {
      if (existing) return 'Client already exists';
      const roles = ((command.roles as Array<{ rolename: string }> | undefined) ?? []).map(
        (role) => role.rolename,
      );
      state.clients[username] = account(
        String(command.password ?? ''),
        roles,
        typeof command.clientid === 'string' ? command.clientid : undefined,
      );
      return undefined;
    }
    case 'deleteClient':
      if (!existing) return 'Client not found';
      delete state.clients[username];
      kick(username);
      return undefined;
    case 'setClientPassword':
      if (!existing) return 'Client not found';
      state.clients[username] = {
        ...account(String(command.password ?? ''), existing.roles, existing.clientid),
      };
      kick(username);
      return undefined;
    case 'disableClient':
    case 'enableClient':
      if (!existing) return 'Client not found';
      existing.disabled = command.command === 'disableClient';
      if (existing.disabled) kick(username);
      return undefined;
    case 'createRole':
      if (state.roles[rolename]) return 'Role already exists';
      state.roles[rolename] = (command.acls as Acl[] | undefined) ?? [];
      return undefined;
    case 'deleteRole':
      delete state.roles[rolename];
      return undefined;
    case 'addRoleACL':
      if (!state.roles[rolename]) return 'Role not found';
      state.roles[rolename].push({
        acltype: String(command.acltype),
        topic: String(command.topic),
        allow: command.allow === true,
      });
      return undefined;
    default:
      return 'Unknown command';
  }
}
