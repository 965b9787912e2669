import { emptyLine, noiseQuery, scopeLine } from './scope';

describe('noise scope', () => {
  const nearby = { kind: 'nearby', position: { lat: 23.1066, lng: 113.3245 }, radiusM: 3000 } as const;

  it('asks for sites near the position, or for all of them without one', () => {
    expect(noiseQuery(nearby)).toEqual({ lat: 23.1066, lng: 113.3245, radiusM: 3000 });
    expect(noiseQuery({ kind: 'all', reason: 'refused' })).toEqual({});
  });

  it('says what the list covers and why it is empty', () => {
    expect(scopeLine(nearby)).toBe('您附近 3 公里内的监测点');
    expect(scopeLine({ kind: 'all', reason: 'refused' })).toBe('无法获取您的位置，显示全部监测点');
    expect(scopeLine({ kind: 'all', reason: 'chosen' })).toBe('全部监测点');
    expect(emptyLine(nearby)).toBe('您附近 3 公里内没有噪音监测点');
    expect(emptyLine({ kind: 'all', reason: 'chosen' })).toBe('暂时没有噪音监测点');
  });
});
