import mongoose, { type Connection } from 'mongoose';

/**
 * One connection per app instance (not mongoose's global), so each test file can use its own database.
 * Fail fast: no buffering, a short server selection and connect timeout, and a heartbeat every 2 s,
 * so while MongoDB is down a request answers 503 within about a second instead of hanging, and its
 * return is noticed within seconds.
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
  await connection.asPromise();
  return connection;
}

export async function pingMongo(connection: Connection): Promise<void> {
  const db = connection.db;
  if (!db) throw new Error('MongoDB connection is not open');
  await db.admin().command({ ping: 1 });
}

/**
 * Whether the driver knows of no reachable MongoDB server right now (after a failed operation or
 * heartbeat), so requests can be answered 503 at once instead of each waiting for server selection.
 */
export function mongoAvailability(connection: Connection): { down(): boolean } {
  let down = false;
  connection.getClient().on('topologyDescriptionChanged', (event) => {
    down = !event.newDescription.hasKnownServers;
  });
  return { down: () => down };
}
