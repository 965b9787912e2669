// Recomputes the ticket statistics (facts, day and month summaries, the open-ticket registry) from the
// tickets in the database named by MONGODB_URI / MONGODB_DB. `--fresh` drops what is stored first; run
// it so while the BFF is quiet (docs/operations.md).
import { z } from 'zod';
import { systemClock } from '../infra/clock';
import { createLogger } from '../infra/logger';
import { connectMongo } from '../infra/mongo';
import { connectRedis } from '../infra/redis';
import { statisticsParts } from '../modules/statistics/statisticsParts';

const env = z
  .object({
    MONGODB_URI: z.string().default('mongodb://127.0.0.1:27017/'),
    MONGODB_DB: z.string().default('jiefang'),
    REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z.string().default('jiefang'),
  })
  .parse(process.env);

async function main() {
  const fresh = process.argv.includes('--fresh');
  const mongo = await connectMongo(env.MONGODB_URI, env.MONGODB_DB);
  const redis = await connectRedis(env.REDIS_URL, `${env.REDIS_PREFIX}:`);
  try {
    const started = performance.now();
    const parts = statisticsParts({ mongo, redis, clock: systemClock, logger: createLogger('info') });
    const { tickets } = await parts.rebuild(fresh);
    console.log(
      `statistics rebuilt from ${tickets} tickets in ${Math.round(performance.now() - started)} ms`,
    );
  } finally {
    await mongo.close();
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
