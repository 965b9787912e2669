import mongoose, { type Connection } from 'mongoose';

/**
 * One connection per app instance (not mongoose's global), so each test file can use its own database.
 * Fail fast: no buffering, a 1 s server selection and 2 s connect timeout, and a heartbeat every 2 s,
 * so while MongoDB is down a request answers 503 within about a second (its first query fails) instead
 * of hanging, routes that need no MongoDB keep working, and its return is noticed within seconds.
 */
export async function connectMongo(uri: string, dbName: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName,
    bufferCommands: false,
    autoIndex: true,
    serverSelectionTimeoutMS: 1000,
    connectTimeoutMS: 2000,
    heartbeatFrequencyMS: 2000,
    maxPoolSize: 20,
  });
  try {
    await connection.asPromise();
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw error;
  }
  return connection;
}

/**
 * At start-up: a MongoDB that is restarting, or slow to select under load, is waited for rather than
 * ending the process (one failed 1 s server selection used to, in the chaos run).
 */
export async function connectMongoWhenReachable(
  uri: string,
  dbName: string,
  onRetry: (error: unknown) => void,
  retryMs = 1000,
): Promise<Connection> {
  for (;;) {
    try {
      return await connectMongo(uri, dbName);
    } catch (error) {
      onRetry(error);
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  }
}

export async function pingMongo(connection: Connection): Promise<void> {
  const db = connection.db;
  if (!db) throw new Error('MongoDB connection is not open');
  await db.admin().command({ ping: 1 });
}

/** Pings MongoDB over a connection of its own, closed afterwards (see mongoWatchdog). */
export async function pingFreshConnection(uri: string, timeoutMs = 2000): Promise<void> {
  const client = new mongoose.mongo.MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    socketTimeoutMS: timeoutMs,
    maxPoolSize: 1,
  });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close().catch(() => undefined);
  }
}
