import { beijingDayNumber, beijingDayStart } from '@jiefang/contracts';
import { useEffect, useState } from 'react';

/**
 * The moment the page counts "today" from, moved on at each Beijing midnight, so pages left open for
 * days (the command centre's wall display) roll over to the new day and month by themselves.
 */
export function useBeijingToday(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const nextMidnight = beijingDayStart(beijingDayNumber(now) + 1);
    // A second past midnight, so the new moment is surely in the new day.
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, nextMidnight - Date.now()) + 1000);
    return () => clearTimeout(timer);
  }, [now]);
  return now;
}
