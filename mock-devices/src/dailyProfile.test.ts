import { curveAt, dailyCount, maxRate, rateAt, shanghaiHour, shanghaiTime } from './dailyProfile';

describe('Asia/Shanghai hours', () => {
  it('reads the local hour whatever the machine time zone is', () => {
    expect(shanghaiHour(Date.UTC(2025, 0, 1, 14, 30))).toBe(22.5);
    expect(shanghaiHour(Date.UTC(2025, 5, 30, 16, 0))).toBe(0);
    expect(shanghaiHour(shanghaiTime(20_000, 19.25))).toBeCloseTo(19.25, 9);
  });
});

describe('hourly rates and curves', () => {
  const rates = [
    [0, 1],
    [18, 3],
    [22, 0],
  ] as const;

  it('steps rates by hour and sums a day', () => {
    expect([0, 17.99, 18, 21.5, 23].map((hour) => rateAt(rates, hour))).toEqual([1, 1, 3, 3, 0]);
    expect(maxRate(rates)).toBe(3);
    expect(dailyCount(rates)).toBe(18 + 12);
  });

  it('interpolates a curve and wraps it round midnight', () => {
    const curve = [
      [0, 40],
      [12, 60],
      [18, 60],
    ] as const;
    expect(curveAt(curve, 6)).toBe(50);
    expect(curveAt(curve, 15)).toBe(60);
    expect(curveAt(curve, 21)).toBe(50);
  });
});
