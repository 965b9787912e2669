import { randomUUID } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { deviceBrokerAcls } from '@jiefang/contracts';
import { HttpError } from '../../http/httpError';
import type { Logger } from '../../infra/logger';

const controlTopic = '$CONTROL/dynamic-security/v1';
const responseTopic = `${controlTopic}/response`;
const answerTimeoutMs = 5_000;

type Command = Record<string, unknown> & { command: string };
interface ControlResponse {
  command?: string;
  error?: string;
  correlationData?: string;
}

/** Errors that mean the broker already holds what we asked for; treated as success. */
const harmless = /already exists|not found/i;

/**
 * Device accounts on the broker, kept in step with the registry through Mosquitto's
 * dynamic-security control API (the embedded broker speaks the same subset). Each device logs in
 * with username and client id = its id; with `external` accounts (EMQX, a managed broker) the
 * operator applies the exported accounts instead and this does nothing.
 */
export function deviceBrokerAccounts(deps: { mqtt: MqttClient; managed: boolean; logger: Logger }) {
  const waiting = new Map<string, { resolve: (responses: ControlResponse[]) => void }>();
  let subscribed: Promise<void> | null = null;

  const onMessage = (topic: string, payload: Buffer) => {
    if (topic !== responseTopic) return;
    let responses: ControlResponse[] = [];
    try {
      responses = (JSON.parse(payload.toString()) as { responses?: ControlResponse[] }).responses ?? [];
    } catch {
      return;
    }
    const id = responses.find((response) => response.correlationData)?.correlationData;
    const waiter = id ? waiting.get(id) : undefined;
    if (waiter && id) {
      waiting.delete(id);
      waiter.resolve(responses);
    }
  };

  const ensureSubscribed = () => {
    subscribed ??= (async () => {
      deps.mqtt.on('message', onMessage);
      await deps.mqtt.subscribeAsync(responseTopic, { qos: 1 });
    })();
    return subscribed;
  };

  /** Sends commands and waits for the broker's answer; any real error fails the whole call. */
  const run = async (commands: Command[]): Promise<void> => {
    if (!deps.managed) return;
    await ensureSubscribed();
    const correlationData = randomUUID();
    const answered = new Promise<ControlResponse[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(correlationData);
        reject(new HttpError(503, 'dependency_unavailable', '设备接入服务暂时不可用，请稍后重试'));
      }, answerTimeoutMs);
      waiting.set(correlationData, {
        resolve: (responses) => {
          clearTimeout(timer);
          resolve(responses);
        },
      });
    });
    await deps.mqtt.publishAsync(
      controlTopic,
      JSON.stringify({ commands: commands.map((command) => ({ ...command, correlationData })) }),
      { qos: 1 },
    );
    const responses = await answered;
    const failed = responses.filter((response) => response.error && !harmless.test(response.error));
    if (failed.length) {
      deps.logger.error({ failed }, 'the broker refused a device account change');
      throw new HttpError(503, 'dependency_unavailable', '设备接入服务拒绝了账号变更，请稍后重试', {
        broker: failed,
      });
    }
  };

  const roleOf = (deviceId: string) => `device:${deviceId}`;

  const grantCommands = (deviceId: string, secret: string): Command[] => [
    { command: 'createRole', rolename: roleOf(deviceId), acls: deviceBrokerAcls(deviceId) },
    {
      command: 'createClient',
      username: deviceId,
      clientid: deviceId,
      password: secret,
      roles: [{ rolename: roleOf(deviceId) }],
    },
    // For an account that already existed: the new secret and an enabled state win.
    { command: 'setClientPassword', username: deviceId, password: secret },
    { command: 'enableClient', username: deviceId },
  ];

  return {
    /** Creates (or re-keys) a device's account; the secret is known only at this moment. */
    async grant(deviceId: string, secret: string): Promise<void> {
      await run(grantCommands(deviceId, secret));
    },
    /** Creates (or re-keys) many devices' accounts, 25 devices per control message. */
    async grantMany(grants: ReadonlyArray<{ deviceId: string; secret: string }>): Promise<void> {
      for (let start = 0; start < grants.length; start += 25) {
        await run(
          grants.slice(start, start + 25).flatMap(({ deviceId, secret }) => grantCommands(deviceId, secret)),
        );
      }
    },
    async setEnabled(deviceId: string, enabled: boolean): Promise<void> {
      await run([{ command: enabled ? 'enableClient' : 'disableClient', username: deviceId }]);
    },
    /** Deletes devices' accounts and roles, many per control message (the broker rewrites its state for each). */
    async revoke(deviceIds: readonly string[]): Promise<void> {
      for (let start = 0; start < deviceIds.length; start += 100) {
        await run(
          deviceIds.slice(start, start + 100).flatMap((deviceId) => [
            { command: 'deleteClient', username: deviceId },
            { command: 'deleteRole', rolename: roleOf(deviceId) },
          ]),
        );
      }
    },
    close(): void {
      deps.mqtt.off('message', onMessage);
    },
  };
}

export type DeviceBrokerAccounts = ReturnType<typeof deviceBrokerAccounts>;
