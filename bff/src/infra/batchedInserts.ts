import { mongo, type Connection } from 'mongoose';

type Document = mongo.Document;
type Collection<T extends Document> = mongo.Collection<T>;
type OptionalUnlessRequiredId<T> = mongo.OptionalUnlessRequiredId<T>;

export type InsertOutcome = 'inserted' | 'duplicate';

export interface BatchedInserts<T extends Document> {
  /** Resolves once the document is durably inserted, or with 'duplicate' when its _id already exists. */
  insert(document: OptionalUnlessRequiredId<T>): Promise<InsertOutcome>;
  /** Waits for every insert queued so far (for shutdown). */
  drain(): Promise<void>;
}

interface Pending<T> {
  document: OptionalUnlessRequiredId<T>;
  resolve: (outcome: InsertOutcome) => void;
  reject: (error: unknown) => void;
}

const duplicateKeyCode = 11000;

/**
 * What each document of a failed unordered `insertMany` came to. The driver also throws a
 * MongoBulkWriteError, with no write errors, when the connection dies mid-command (the server killed):
 * then nothing is known to be stored, so only documents the server answered for count. A document is
 * inserted only when every document is accounted for (inserted count plus write errors).
 */
export function insertOutcomesAfter(error: unknown, count: number): Array<InsertOutcome | Error> {
  const failure = error instanceof Error ? error : new Error(String(error));
  if (!(error instanceof mongo.MongoBulkWriteError)) return Array.from({ length: count }, () => failure);
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  const byIndex = new Map(writeErrors.map((writeError) => [writeError.index, writeError]));
  const accounted = error.insertedCount + byIndex.size === count;
  return Array.from({ length: count }, (_, index) => {
    const writeError = byIndex.get(index);
    if (writeError?.code === duplicateKeyCode) return 'duplicate';
    if (writeError) return new Error(writeError.errmsg ?? 'insert failed');
    return accounted ? 'inserted' : failure;
  });
}

/**
 * Group commit for one collection: inserts that arrive while a batch is being written go together in
 * the next `insertMany`. Under load a single writer (FerretDB's SQLite, or a replica set's journal)
 * commits once per batch instead of once per document; alone, an insert waits for nobody.
 */
export function batchedInserts<T extends Document>(
  collection: Collection<T>,
  options: { maxBatch?: number } = {},
): BatchedInserts<T> {
  const maxBatch = options.maxBatch ?? 200;
  let queue: Array<Pending<T>> = [];
  let writing: Promise<void> | null = null;

  const writeBatch = async (batch: Array<Pending<T>>) => {
    let outcomes: Array<InsertOutcome | Error>;
    try {
      await collection.insertMany(
        batch.map((item) => item.document),
        { ordered: false },
      );
      outcomes = batch.map(() => 'inserted');
    } catch (error) {
      outcomes = insertOutcomesAfter(error, batch.length);
    }
    batch.forEach((item, index) => {
      const outcome = outcomes[index] as InsertOutcome | Error;
      if (outcome instanceof Error) item.reject(outcome);
      else item.resolve(outcome);
    });
  };

  const flush = (): Promise<void> => {
    writing ??= (async () => {
      // Let the inserts of the current tick join the first batch.
      await new Promise((resolve) => setImmediate(resolve));
      while (queue.length) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        await writeBatch(batch);
      }
    })().finally(() => {
      writing = null;
      // An insert queued between the last check and now would otherwise wait for the next caller.
      if (queue.length) void flush();
    });
    return writing;
  };

  return {
    insert(document) {
      return new Promise<InsertOutcome>((resolve, reject) => {
        queue.push({ document, resolve, reject });
        void flush();
      });
    },
    async drain() {
      while (writing || queue.length) await flush();
    },
  };
}

/** The same for a collection of a connection that may not be open yet: it is looked up at the first insert. */
export function batchedInsertsInto<T extends Document>(
  connection: Connection,
  collectionName: string,
  options: { maxBatch?: number } = {},
): BatchedInserts<T> {
  let inserts: BatchedInserts<T> | null = null;
  return {
    async insert(document) {
      if (!connection.db) throw new Error('MongoDB connection is not open');
      inserts ??= batchedInserts(connection.db.collection<T>(collectionName), options);
      return inserts.insert(document);
    },
    drain: async () => inserts?.drain(),
  };
}
