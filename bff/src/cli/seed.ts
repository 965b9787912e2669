// Seeds the demo district's accounts into the database named by MONGODB_URI / MONGODB_DB.
import { z } from 'zod';
import { systemClock } from '../infra/clock';
import { connectMongo } from '../infra/mongo';
import { loadDistrict } from '../modules/district/district';
import { seedDemoAccounts } from '../seed/demoAccounts';

const env = z
  .object({
    MONGODB_URI: z.string().default('mongodb://127.0.0.1:27017/'),
    MONGODB_DB: z.string().default('jiefang'),
    DEMO_PASSWORD: z.string().min(10, 'DEMO_PASSWORD must be at least 10 characters').default('jiefang-demo'),
  })
  .parse(process.env);

async function main() {
  const mongo = await connectMongo(env.MONGODB_URI, env.MONGODB_DB);
  try {
    const result = await seedDemoAccounts(mongo, loadDistrict(), systemClock, env.DEMO_PASSWORD);
    console.log(`created: ${result.created.join(', ') || '(none)'}`);
    console.log(`already there: ${result.existing.join(', ') || '(none)'}`);
  } finally {
    await mongo.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
