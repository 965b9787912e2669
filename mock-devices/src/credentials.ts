import { readFile } from 'node:fs/promises';
import { deviceIdSchema, deviceTypeSchema, deviceTypes, type DeviceType } from '@jiefang/contracts';
import { z } from 'zod';

/** What a simulated device needs to log in: the broker username is the id, the password its secret. */
export interface DeviceIdentity {
  id: string;
  type: DeviceType;
  /** Absent for brokers without authentication. */
  secret?: string;
}

/** One entry of the credentials file the BFF's device registry exports: `[{ "id", "type", "secret" }]`. */
export const deviceCredentialSchema = z.object({
  id: deviceIdSchema,
  type: deviceTypeSchema,
  secret: z.string().min(1).max(256),
});
export type DeviceCredential = z.infer<typeof deviceCredentialSchema>;

export const deviceCredentialsFileSchema = z.array(deviceCredentialSchema).superRefine((entries, ctx) => {
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (seen.has(entry.id))
      ctx.addIssue({ code: 'custom', message: `duplicate device id "${entry.id}"`, path: [index, 'id'] });
    seen.add(entry.id);
  });
});

export type DeviceCounts = Record<DeviceType, number>;

/** Short names used in generated ids and on the command line. */
export const shortTypeNames: Record<DeviceType, string> = {
  noise_meter: 'noise',
  charging_detector: 'charging',
  smoke_detector: 'smoke',
};

export class CredentialsError extends Error {
  override name = 'CredentialsError';
}

/** Reads and validates a credentials file; every problem is reported with its place in the file. */
export async function loadCredentials(
  path: string,
  read: (path: string) => Promise<string> = (p) => readFile(p, 'utf8'),
): Promise<DeviceCredential[]> {
  let text: string;
  try {
    text = await read(path);
  } catch (error) {
    throw new CredentialsError(`cannot read credentials file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CredentialsError(`credentials file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = deviceCredentialsFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new CredentialsError(
      `credentials file ${path} must be [{ "id", "type", "secret" }]:\n${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

/**
 * Picks the devices to simulate from a credentials file: the first `counts[type]` of each type, or every
 * device of the file when no counts are given.
 */
export function selectFromCredentials(
  credentials: DeviceCredential[],
  counts: Partial<DeviceCounts>,
): DeviceIdentity[] {
  const anyCount = deviceTypes.some((type) => counts[type] !== undefined);
  if (!anyCount) return credentials.map(({ id, type, secret }) => ({ id, type, secret }));
  const selected: DeviceIdentity[] = [];
  for (const type of deviceTypes) {
    const wanted = counts[type] ?? 0;
    const available = credentials.filter((entry) => entry.type === type);
    if (available.length < wanted) {
      throw new CredentialsError(
        `asked for ${wanted} ${shortTypeNames[type]} devices but the credentials file has only ${available.length} of type ${type}`,
      );
    }
    selected.push(...available.slice(0, wanted).map(({ id, secret }) => ({ id, type, secret })));
  }
  return selected;
}

/** Ids like `noise-0001` (or `<prefix>-noise-0001`) without secrets, for brokers that allow anonymous clients. */
export function generateIdentities(counts: DeviceCounts, prefix?: string): DeviceIdentity[] {
  const identities: DeviceIdentity[] = [];
  for (const type of deviceTypes) {
    const count = counts[type];
    const width = Math.max(4, String(count).length);
    for (let n = 1; n <= count; n++) {
      const id = `${prefix ? `${prefix}-` : ''}${shortTypeNames[type]}-${String(n).padStart(width, '0')}`;
      identities.push({ id: deviceIdSchema.parse(id), type });
    }
  }
  return identities;
}
