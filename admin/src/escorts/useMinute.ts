import { useEffect, useState } from 'react';

/** The time now, updated once a minute: enough for 当天 / 已过开始时间 without re-rendering every second. */
export function useMinute(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
