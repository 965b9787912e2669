// Holds the photos of reporters erased before the retention of their photos existed (kept on tickets
// that were open then), so the BFF's sweep removes them once those tickets are finished. Reads the
// tickets in the database named by MONGODB_URI / MONGODB_DB once; safe to run again (docs/privacy.md).
import { z } from 'zod';
import { systemClock } from '../infra/clock';
import { connectMongo } from '../infra/mongo';
import { erasedPhotoHoldModel } from '../modules/privacy/erasedPhotoHoldModel';
import { holdErasedPhotoLeftovers } from '../modules/privacy/erasedPhotoRetention';
import { personalRecords } from '../modules/privacy/personalRecords';

const env = z
  .object({
    MONGODB_URI: z.string().default('mongodb://127.0.0.1:27017/'),
    MONGODB_DB: z.string().default('jiefang'),
  })
  .parse(process.env);

async function main() {
  const mongo = await connectMongo(env.MONGODB_URI, env.MONGODB_DB);
  try {
    const held = await holdErasedPhotoLeftovers({
      holds: erasedPhotoHoldModel(mongo),
      tickets: personalRecords(mongo).Ticket,
      clock: systemClock,
    });
    console.log(`held the photos of ${held} erased reporters on their tickets`);
  } finally {
    await mongo.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
