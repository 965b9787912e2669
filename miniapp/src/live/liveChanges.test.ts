import { backoffDelay, matchesTopics, readChanges, touchedTopics } from './liveChanges';
import { createSseReader } from './sseFrames';

describe('topic matching', () => {
  it('matches a page only on the topics it shows', () => {
    const touched = touchedTopics([
      { topic: 'ticket', id: 't1' },
      { topic: 'notification', id: 'n1' },
    ]);
    expect(matchesTopics(touched, ['ticket'])).toBe(true);
    expect(matchesTopics(touched, ['alarm', 'notification'])).toBe(true);
    expect(matchesTopics(touched, ['escort'])).toBe(false);
    expect(matchesTopics(touchedTopics([]), ['ticket'])).toBe(false);
  });

  it('matches every page after a reset, but not a page that shows nothing live', () => {
    const touched = touchedTopics([], true);
    expect(touched).toBe('all');
    expect(matchesTopics(touched, ['escort'])).toBe(true);
    expect(matchesTopics(touched, [])).toBe(false);
  });
});

describe('cursor handling', () => {
  it('takes the first answer as the starting point only', () => {
    const first = readChanges(undefined, {
      cursor: 7,
      changes: [{ topic: 'ticket', id: 'old' }],
      reset: true,
    });
    expect(first.cursor).toBe(7);
    expect(matchesTopics(first.touched, ['ticket'])).toBe(false);
  });

  it('follows the cursor and reports what changed after it', () => {
    const next = readChanges(7, { cursor: 9, changes: [{ topic: 'alarm', id: 'a1' }], reset: false });
    expect(next.cursor).toBe(9);
    expect(matchesTopics(next.touched, ['alarm'])).toBe(true);
    expect(matchesTopics(next.touched, ['ticket'])).toBe(false);
  });

  it('reloads everything when the server says changes may be missing (a cursor ahead or too far behind)', () => {
    const next = readChanges(99, { cursor: 3, changes: [], reset: true });
    expect(next.cursor).toBe(3);
    expect(next.touched).toBe('all');
  });
});

describe('reconnect back-off', () => {
  it('doubles from one second up to thirty, with jitter of a fifth either way', () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((attempt) => backoffDelay(attempt, middle))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
    expect(backoffDelay(0, () => 0)).toBe(800);
    expect(backoffDelay(0, () => 1)).toBe(1200);
    expect(backoffDelay(-3, middle)).toBe(1000);
  });
});

describe('event stream reader', () => {
  it('hands on whole events across chunks and line endings, skipping comments', () => {
    const events: Array<[string, string]> = [];
    const reader = createSseReader((event, data) => events.push([event, data]));
    reader.push('retry: 3000\n: connected\n\n');
    reader.push('event: change\ndata: {"topic":"ticket",');
    reader.push('"id":"t1"}\n\n: ping\r\n\r');
    reader.push('\nevent: change\r\ndata: {"topic":"alarm","id":"a1"}\r\n\r\n');
    reader.push('data: plain\n\n');
    expect(events).toEqual([
      ['change', '{"topic":"ticket","id":"t1"}'],
      ['change', '{"topic":"alarm","id":"a1"}'],
      ['message', 'plain'],
    ]);
  });
});
