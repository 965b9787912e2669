import {
  deletionBlockers,
  eraseEscortParty,
  eraseReporter,
  erasedName,
  erasedPhotosMayGo,
  redactContactDetails,
  redactedMark,
  type ReportedTicket,
  type ServedEscort,
  withoutErasedPhotos,
} from './accountErasure';

const at = new Date('2026-11-23T08:00:00+08:00');
const photo = (id: string) => ({ id, thumbnailId: `${id}-t` });

const ticket = (status: string): ReportedTicket => ({
  status,
  description: '占道，电话 138 0000 1111',
  reporters: [
    { userId: 'me', anonymous: false, at },
    { userId: 'other', anonymous: false, at },
  ],
  reporterIds: ['me', 'other'],
  submissions: [
    { reporterId: 'me', anonymous: false, description: '占道，电话 138 0000 1111', photos: [photo('p1')] },
    { reporterId: 'other', anonymous: false, description: '我也看到了', photos: [photo('p2')] },
  ],
  photos: [photo('p1'), photo('p2')],
  rating: { score: 5, comment: '谢谢，有事找 me@example.com', at, by: 'me' },
  ratings: [
    { score: 5, comment: '谢谢，有事找 me@example.com', at, by: 'me' },
    { score: 4, comment: '还行', at, by: 'other' },
  ],
  timeline: [
    { actorId: 'me', actorName: '李阿姨', reason: '没修好，call 13800001111', details: { joined: 'me' } },
    { actorId: 'officer-1', actorName: '王队员' },
  ],
});

describe('redactContactDetails', () => {
  it.each([
    ['联系我 13800001111', `联系我 ${redactedMark}`],
    ['+86 138-0000-1111 找我', `${redactedMark} 找我`],
    ['座机 020-81234567', `座机 ${redactedMark}`],
    ['身份证 44010619900101123X', `身份证 ${redactedMark}`],
    ['邮件 a.b@qq.com 谢谢', `邮件 ${redactedMark} 谢谢`],
    ['门牌 12 号，车牌粤A12345', '门牌 12 号，车牌粤A12345'],
  ])('%s', (text, expected) => expect(redactContactDetails(text)).toBe(expected));
});

describe('eraseReporter', () => {
  it('replaces the reporter with a pseudonym everywhere and keeps the other reporter as they were', () => {
    const { set, photoIds } = eraseReporter(ticket('accepted'), 'me', 'erased-1', [photo('p1')]);
    expect(JSON.stringify(set)).not.toMatch(/"me"|李阿姨|13800001111|1111|me@example/);
    expect(set.reporterIds).toEqual(['other']);
    expect(set.reporters?.map((reporter) => reporter.userId)).toEqual(['erased-1', 'other']);
    expect(set.submissions?.[0]).toMatchObject({ reporterId: 'erased-1', anonymous: true });
    expect(set.submissions?.[1]).toEqual(ticket('accepted').submissions?.[1]);
    expect(set.ratings?.[1]?.by).toBe('other');
    expect(set.timeline?.[0]).toMatchObject({
      actorId: null,
      actorName: null,
      details: { joined: 'erased-1' },
    });
    expect(set.timeline?.[1]).toEqual({ actorId: 'officer-1', actorName: '王队员' });
    // Open: the photos stay as evidence.
    expect(photoIds).toEqual([]);
    expect(set.photos).toHaveLength(2);
  });

  it("removes the person's own photos once the ticket is finished", () => {
    const { set, photoIds } = eraseReporter(ticket('confirmed'), 'me', 'erased-1', [photo('p1')]);
    expect(photoIds).toEqual(['p1', 'p1-t']);
    expect(set.photos).toEqual([photo('p2')]);
    expect(set.submissions?.[0]?.photos).toEqual([]);
    expect(set.submissions?.[1]?.photos).toEqual([photo('p2')]);
  });

  it('leaves the description alone when the person only joined', () => {
    const { set } = eraseReporter(ticket('accepted'), 'other', 'erased-2', [photo('p2')]);
    expect(set.description).toBeUndefined();
    expect(set.reporterIds).toEqual(['me']);
  });
});

describe('the photos an erased reporter left on an open ticket', () => {
  const week = 7 * 24 * 3600_000;
  const now = new Date(at.getTime() + 30 * 24 * 3600_000);

  it.each([
    ['accepted', null, false],
    ['confirmed', null, true],
    ['closed', null, true],
    ['resolved', new Date(now.getTime() - week + 60_000), false],
    ['resolved', new Date(now.getTime() - week - 60_000), true],
  ] as const)('%s (resolved at %s): may go %s', (status, resolvedAt, expected) =>
    expect(erasedPhotosMayGo({ status, resolvedAt }, now, week)).toBe(expected),
  );

  it('go from the pseudonym’s submission and the ticket’s photos, and a second time there is nothing to do', () => {
    const erased = {
      ...ticket('closed'),
      ...eraseReporter(ticket('accepted'), 'me', 'erased-1', [photo('p1')]).set,
    };
    const removal = withoutErasedPhotos(erased, 'erased-1', [photo('p1')]);
    expect(removal?.photoIds).toEqual(['p1', 'p1-t']);
    expect(removal?.set.photos).toEqual([photo('p2')]);
    expect(removal?.set.submissions?.[0]?.photos).toEqual([]);
    expect(removal?.set.submissions?.[1]?.photos).toEqual([photo('p2')]);
    expect(withoutErasedPhotos({ ...erased, ...removal?.set }, 'erased-1', [])).toBeNull();
  });
});

describe('eraseEscortParty', () => {
  const escort: ServedEscort = {
    createdBy: 'me',
    volunteerId: 'vol',
    volunteerName: '志愿者小张',
    notes: '到楼下打 13800001111',
    completionNotes: '已送到，家属电话 13900002222',
    rating: { score: 5, comment: '好', at, by: 'me' },
    sos: [{ by: 'vol', note: null }],
    timeline: [{ actorId: 'me', actorName: '李阿姨', note: null }],
  };

  it('erases the booker', () => {
    const set = eraseEscortParty(escort, 'me', 'erased-1');
    expect(set).toMatchObject({
      createdBy: 'erased-1',
      notes: `到楼下打 ${redactedMark}`,
      rating: { by: 'erased-1' },
    });
    expect(set.timeline?.[0]).toMatchObject({ actorId: null, actorName: null });
    expect(set.volunteerId).toBeUndefined();
  });

  it('erases the volunteer', () => {
    const set = eraseEscortParty(escort, 'vol', 'erased-2');
    expect(set).toMatchObject({
      volunteerId: 'erased-2',
      volunteerName: erasedName,
      sos: [{ by: 'erased-2' }],
    });
    expect(set.completionNotes).toBe(`已送到，家属电话 ${redactedMark}`);
    expect(set.createdBy).toBeUndefined();
  });
});

describe('deletionBlockers', () => {
  it('names escorts under way and households with devices the person alone owns', () => {
    const blockers = deletionBlockers('me', {
      escorts: [
        { id: 'e1', status: 'open', createdBy: 'me', volunteerId: null },
        { id: 'e2', status: 'in_progress', createdBy: 'someone', volunteerId: 'me' },
        { id: 'e3', status: 'completed', createdBy: 'me', volunteerId: 'vol' },
      ],
      households: [
        { id: 'h1', address: '赤岗路 1 号', ownerCount: 1, deviceCount: 2 },
        { id: 'h2', address: '赤岗路 2 号', ownerCount: 2, deviceCount: 1 },
        { id: 'h3', address: '赤岗路 3 号', ownerCount: 1, deviceCount: 0 },
      ],
    });
    expect(blockers.map((blocker) => [blocker.kind, blocker.id])).toEqual([
      ['escort_booked', 'e1'],
      ['escort_serving', 'e2'],
      ['household_devices', 'h1'],
    ]);
    expect(blockers[2]?.message).toContain('赤岗路 1 号');
  });
});
