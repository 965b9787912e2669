import { Readable } from 'node:stream';
import { mongo, type Connection } from 'mongoose';
import { batchedInsertsInto } from '../../infra/batchedInserts';
import type { ProcessedPhoto } from './photoProcessing';

/** GridFS's own default, so any GridFS reader handles our files. */
const chunkSizeBytes = 255 * 1024;

/**
 * Chunks carry `files_id` and `n` like any GridFS chunk, but an `_id` that follows from them: FerretDB
 * finds documents quickly only by `_id`, so reading and deleting a photo never scans every chunk.
 */
type PhotoChunk = Omit<mongo.GridFSChunk, '_id'> & { _id: string };
const chunkIdOf = (fileId: string, n: number) => `${fileId}:${n}`;
const chunkCountOf = (length: number) => Math.max(1, Math.ceil(length / chunkSizeBytes));
/** A chunk's bytes as the driver reads them (a BSON Binary, whatever the insert type says). */
const bytesOf = (chunk: PhotoChunk): Buffer => {
  const data = chunk.data as unknown;
  if (data instanceof mongo.Binary) {
    return Buffer.from(data.buffer.buffer, data.buffer.byteOffset, data.position);
  }
  return Buffer.from(data as Uint8Array);
};

export interface StoredPhoto {
  id: string;
  thumbnailId: string;
}

export interface PhotoFile {
  contentType: string;
  length: number;
  stream: NodeJS.ReadableStream;
}

/**
 * Photos and their thumbnails in MongoDB GridFS (bucket `photos`). Reads go through the driver's
 * GridFSBucket; writes put the same chunk and file documents in shared batches with other uploads, so
 * many reports arriving at once cost a few commits, not four per photo. Chunks are written before their
 * file document, as GridFS readers expect.
 */
export function photoStore(connection: Connection) {
  // One bucket per connection: each new bucket re-checks GridFS's indexes before its first write.
  let cached: mongo.GridFSBucket | null = null;
  const database = () => {
    if (!connection.db) throw new Error('MongoDB connection is not open');
    return connection.db;
  };
  const bucket = () => (cached ??= new mongo.GridFSBucket(database(), { bucketName: 'photos' }));

  const files = batchedInsertsInto<mongo.GridFSFile>(connection, 'photos.files');
  const chunks = batchedInsertsInto<PhotoChunk>(connection, 'photos.chunks');
  const filesCollection = () => database().collection<mongo.GridFSFile>('photos.files');
  const chunksCollection = () => database().collection<PhotoChunk>('photos.chunks');
  // The index GridFSBucket would create on its first upload: readers find a file's chunks by it.
  let indexed: Promise<unknown> | null = null;
  const chunksIndexed = () =>
    (indexed ??= database()
      .collection('photos.chunks')
      .createIndex({ files_id: 1, n: 1 }, { unique: true })
      .catch(() => {
        indexed = null;
      }));

  const fileDocument = (data: Buffer, filename: string, metadata: Record<string, unknown>) => {
    const id = new mongo.ObjectId();
    const chunks: PhotoChunk[] = [];
    for (let offset = 0, n = 0; offset < data.length || n === 0; offset += chunkSizeBytes, n += 1) {
      chunks.push({
        _id: chunkIdOf(id.toHexString(), n),
        files_id: id,
        n,
        data: data.subarray(offset, offset + chunkSizeBytes),
      });
    }
    const file: mongo.GridFSFile = {
      _id: id,
      length: data.length,
      chunkSize: chunkSizeBytes,
      uploadDate: new Date(),
      filename,
      metadata,
    };
    return { id, chunks, file };
  };

  return {
    async save(
      photo: ProcessedPhoto,
      owner: { uploadedBy: string; kind: 'report' | 'resolution' },
    ): Promise<StoredPhoto> {
      const original = fileDocument(photo.data, `${owner.kind}.${photo.contentType.split('/')[1]}`, {
        ...owner,
        contentType: photo.contentType,
        width: photo.width,
        height: photo.height,
      });
      const thumbnail = fileDocument(photo.thumbnail, `${owner.kind}.thumb.jpeg`, {
        ...owner,
        contentType: 'image/jpeg',
        thumbnailOf: original.id.toHexString(),
      });
      await chunksIndexed();
      await Promise.all([...original.chunks, ...thumbnail.chunks].map((chunk) => chunks.insert(chunk)));
      await Promise.all([files.insert(original.file), files.insert(thumbnail.file)]);
      return { id: original.id.toHexString(), thumbnailId: thumbnail.id.toHexString() };
    },

    async open(id: string): Promise<PhotoFile | null> {
      if (!mongo.ObjectId.isValid(id)) return null;
      const objectId = new mongo.ObjectId(id);
      const file = await filesCollection().findOne({ _id: objectId });
      if (!file) return null;
      const contentType = (file.metadata?.contentType as string | undefined) ?? 'application/octet-stream';
      const first = await chunksCollection().findOne({ _id: chunkIdOf(id, 0) });
      // Photos stored before chunk ids followed from the file: GridFS's own reader finds them.
      if (!first) return { contentType, length: file.length, stream: bucket().openDownloadStream(objectId) };
      const count = chunkCountOf(file.length);
      async function* chunkData() {
        yield bytesOf(first!);
        for (let n = 1; n < count; n += 1) {
          const chunk = await chunksCollection().findOne({ _id: chunkIdOf(id, n) });
          if (!chunk) throw new Error(`photo ${id} lacks chunk ${n}`);
          yield bytesOf(chunk);
        }
      }
      return { contentType, length: file.length, stream: Readable.from(chunkData(), { objectMode: false }) };
    },

    async remove(ids: readonly string[]): Promise<void> {
      for (const id of ids) {
        if (!mongo.ObjectId.isValid(id)) continue;
        const objectId = new mongo.ObjectId(id);
        const file = await filesCollection().findOne({ _id: objectId }, { projection: { length: 1 } });
        if (!file) continue;
        const deletes = Array.from({ length: chunkCountOf(file.length) }, (_, n) => ({
          deleteOne: { filter: { _id: chunkIdOf(id, n) } },
        }));
        const { deletedCount } = await chunksCollection().bulkWrite(deletes);
        // An older photo's chunks have their own ids: only a search by file finds them.
        if (deletedCount === 0) await chunksCollection().deleteMany({ files_id: objectId });
        await filesCollection().deleteOne({ _id: objectId });
      }
    },
  };
}

export type PhotoStore = ReturnType<typeof photoStore>;
