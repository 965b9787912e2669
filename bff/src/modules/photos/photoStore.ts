import { Readable } from 'node:stream';
import { mongo, type Connection } from 'mongoose';
import type { ProcessedPhoto } from './photoProcessing';

export interface StoredPhoto {
  id: string;
  thumbnailId: string;
}

export interface PhotoFile {
  contentType: string;
  length: number;
  stream: NodeJS.ReadableStream;
}

/** Photos and their thumbnails in MongoDB GridFS (bucket `photos`). */
export function photoStore(connection: Connection) {
  // One bucket per connection: each new bucket re-checks GridFS's indexes before its first write.
  let cached: mongo.GridFSBucket | null = null;
  const bucket = () => {
    if (!connection.db) throw new Error('MongoDB connection is not open');
    cached ??= new mongo.GridFSBucket(connection.db, { bucketName: 'photos' });
    return cached;
  };

  const upload = (data: Buffer, filename: string, metadata: Record<string, unknown>) =>
    new Promise<string>((resolve, reject) => {
      const stream = bucket().openUploadStream(filename, { metadata });
      Readable.from(data)
        .pipe(stream)
        .once('error', reject)
        .once('finish', () => resolve(stream.id.toHexString()));
    });

  return {
    async save(
      photo: ProcessedPhoto,
      owner: { uploadedBy: string; kind: 'report' | 'resolution' },
    ): Promise<StoredPhoto> {
      const id = await upload(photo.data, `${owner.kind}.${photo.contentType.split('/')[1]}`, {
        ...owner,
        contentType: photo.contentType,
        width: photo.width,
        height: photo.height,
      });
      const thumbnailId = await upload(photo.thumbnail, `${owner.kind}.thumb.jpeg`, {
        ...owner,
        contentType: 'image/jpeg',
        thumbnailOf: id,
      });
      return { id, thumbnailId };
    },

    async open(id: string): Promise<PhotoFile | null> {
      if (!mongo.ObjectId.isValid(id)) return null;
      const objectId = new mongo.ObjectId(id);
      const file = await bucket().find({ _id: objectId }).next();
      if (!file) return null;
      const contentType = (file.metadata?.contentType as string | undefined) ?? 'application/octet-stream';
      return { contentType, length: file.length, stream: bucket().openDownloadStream(objectId) };
    },

    async remove(ids: readonly string[]): Promise<void> {
      for (const id of ids)
        await bucket()
          .delete(new mongo.ObjectId(id))
          .catch(() => undefined);
    },
  };
}

export type PhotoStore = ReturnType<typeof photoStore>;
