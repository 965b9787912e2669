import type { Redis } from 'ioredis';
import { HttpError } from '../../http/httpError';
import { redisScript } from '../../infra/redisScript';
import type { StoredPhoto } from './photoStore';

/** Redis keys (under the client's prefix). */
const uploadKeys = {
  /** photo id → JSON { userId, thumbnailId } of an upload no report holds yet. */
  pending: 'photo-uploads',
  /** photo id → when it was uploaded (ms), for the sweep. */
  uploadedAt: 'photo-uploads:at',
} as const;

export const photoUploadPolicy = {
  /** A draft may be retried for a day; photos no report took by then are deleted. */
  keepUnusedForMs: 24 * 3600_000,
  sweepBatch: 200,
} as const;

interface PendingUpload {
  userId: string;
  thumbnailId: string;
}

/**
 * Takes the uploads ARGV[2..] for the caller ARGV[1], all or none: returns {'ok', value...} having
 * removed them, or {'refused', id...} naming those that are not the caller's pending uploads.
 */
const claimScript = `
local ids = {}
for index = 2, #ARGV do ids[#ids + 1] = ARGV[index] end
local values = redis.call('HMGET', KEYS[1], unpack(ids))
local refused = {'refused'}
for index, value in ipairs(values) do
  if not value or cjson.decode(value).userId ~= ARGV[1] then refused[#refused + 1] = ids[index] end
end
if #refused > 1 then return refused end
redis.call('HDEL', KEYS[1], unpack(ids))
redis.call('ZREM', KEYS[2], unpack(ids))
local out = {'ok'}
for _, value in ipairs(values) do out[#out + 1] = value end
return out`;

/** Takes up to ARGV[2] uploads older than ARGV[1] out of both keys; returns {id, value, …} of those taken. */
const takeExpiredScript = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, id in ipairs(ids) do
  local value = redis.call('HGET', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
  if value then
    redis.call('HDEL', KEYS[1], id)
    out[#out + 1] = id
    out[#out + 1] = value
  end
end
return out`;

/**
 * Photos uploaded ahead of their report (`POST /api/photos`), waiting in Redis until a report takes
 * them. A report takes all of its photos or none, and only its own resident's; a failed intake puts
 * them back so the draft's retry can use them again; the sweep deletes what no report took in a day.
 */
export function photoUploads(redis: Redis) {
  const claim = redisScript<string[]>(redis, 'jiefangClaimPhotoUploads', 2, claimScript);
  const takeExpired = redisScript<string[]>(redis, 'jiefangTakeExpiredPhotoUploads', 2, takeExpiredScript);

  const put = async (userId: string, photos: readonly StoredPhoto[], at: Date) => {
    if (!photos.length) return;
    await redis
      .multi()
      .hset(
        uploadKeys.pending,
        Object.fromEntries(
          photos.map((photo) => [
            photo.id,
            JSON.stringify({ userId, thumbnailId: photo.thumbnailId } satisfies PendingUpload),
          ]),
        ),
      )
      .zadd(uploadKeys.uploadedAt, ...photos.flatMap((photo) => [at.getTime(), photo.id]))
      .exec();
  };

  return {
    /** Records a fresh upload as the caller's, waiting for a report. */
    register: (userId: string, photo: StoredPhoto, at: Date) => put(userId, [photo], at),

    /** Takes the caller's uploads for a report, all or none (422 naming the others). */
    async take(userId: string, photoIds: readonly string[]): Promise<StoredPhoto[]> {
      const [outcome, ...rest] = await claim(uploadKeys.pending, uploadKeys.uploadedAt, userId, ...photoIds);
      if (outcome !== 'ok') {
        throw new HttpError(422, 'unprocessable', '照片不存在、已过期或已用于其他上报，请重新上传', {
          fields: rest.map((id) => ({ path: `photoIds.${photoIds.indexOf(id)}`, message: id })),
        });
      }
      return rest.map((value, index) => ({
        id: photoIds[index] as string,
        thumbnailId: (JSON.parse(value) as PendingUpload).thumbnailId,
      }));
    },

    /** Gives taken uploads back (the intake failed): a retry of the draft finds them again. */
    giveBack: (userId: string, photos: readonly StoredPhoto[], at: Date) => put(userId, photos, at),

    /** Uploads no report took within the policy's time, removed from the waiting list and returned for deletion. */
    async takeExpired(now: Date, limit: number = photoUploadPolicy.sweepBatch): Promise<StoredPhoto[]> {
      const flat = await takeExpired(
        uploadKeys.pending,
        uploadKeys.uploadedAt,
        now.getTime() - photoUploadPolicy.keepUnusedForMs,
        limit,
      );
      const expired: StoredPhoto[] = [];
      for (let index = 0; index + 1 < flat.length; index += 2) {
        const upload = JSON.parse(flat[index + 1] as string) as PendingUpload;
        expired.push({ id: flat[index] as string, thumbnailId: upload.thumbnailId });
      }
      return expired;
    },
  };
}

export type PhotoUploads = ReturnType<typeof photoUploads>;
