/**
 * Names the dependency behind an error thrown by the MongoDB driver or ioredis when that service is
 * unreachable, or returns null for any other error.
 */
export function failedDependencyOf(error: unknown): 'mongodb' | 'redis' | null {
  if (!(error instanceof Error)) return null;
  const name = error.name;
  if (
    name === 'MongoNetworkError' ||
    name === 'MongoServerSelectionError' ||
    name === 'MongooseServerSelectionError' ||
    name === 'MongoPoolClearedError' ||
    name === 'MongoNotConnectedError' ||
    name === 'MongoTopologyClosedError' ||
    name === 'MongoNetworkTimeoutError'
  ) {
    return 'mongodb';
  }
  if (
    name === 'MaxRetriesPerRequestError' ||
    /Stream isn't writeable|Connection is closed|ECONNREFUSED.*6379/.test(error.message)
  ) {
    return 'redis';
  }
  return null;
}
