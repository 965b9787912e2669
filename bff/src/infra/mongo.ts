import mongoose, { type Connection } from 'mongoose';

/**
 * One connection per app instance (not mongoose's global), so each test file can use its own database.
 * Buffering is off: when MongoDB is down a request fails at once with 503 instead of hanging.
 */
export async function connectMongo(uri: string, dbName: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName,
    bufferCommands: false,
    autoIndex: true,
    serverSelectionTimeoutMS: 5000,
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
