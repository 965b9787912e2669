import { idempotencyKeySchema } from '@jiefang/contracts';
import { ApiError } from '../../api/client';
import { memoryStore } from '../../storage';
import {
  classifyFailure,
  conflictDelayMs,
  createDraftStore,
  draftStorageKey,
  emptyFormValues,
  isDraftEditable,
  newDraft,
  newIdempotencyKey,
  shouldAutoRetry,
  type ReportDraft,
} from './draft';

const photo = {
  ref: 'wxfile://usr/jf-report-drafts/k-1.jpg',
  name: 'photo-1.jpg',
  size: 1234,
  contentType: 'image/jpeg',
};

function draft(overrides: Partial<ReportDraft> = {}): ReportDraft {
  return {
    ...newDraft({
      userId: 'u1',
      values: {
        ...emptyFormValues,
        category: 'garbage',
        location: { lat: 23.1066, lng: 113.3245, accuracy: 12, source: 'gps' },
      },
      photos: [photo],
      now: new Date('2025-03-01T08:00:00Z'),
    }),
    ...overrides,
  };
}

describe('newIdempotencyKey', () => {
  it('passes the contract schema and differs each time', () => {
    const keys = new Set<string>();
    for (let i = 0; i < 200; i += 1) {
      const key = newIdempotencyKey();
      expect(idempotencyKeySchema.safeParse(key).success).toBe(true);
      keys.add(key);
    }
    expect(keys.size).toBe(200);
    expect(newIdempotencyKey(0, () => 0)).toBe(`rpt_0_${'A'.repeat(20)}`);
  });
});

describe('newDraft', () => {
  it('starts as sending with no attempts and one key for its whole life', () => {
    const d = draft();
    expect(d.state).toBe('sending');
    expect(d.attempts).toBe(0);
    expect(d.createdAt).toBe('2025-03-01T08:00:00.000Z');
    expect(idempotencyKeySchema.safeParse(d.idempotencyKey).success).toBe(true);
  });
});

describe('createDraftStore', () => {
  it('keeps one draft per user and gives it back unchanged', () => {
    const store = memoryStore();
    const drafts = createDraftStore(store);
    const mine = draft();
    drafts.save(mine);
    expect(drafts.load('u1')).toEqual(mine);
    expect(drafts.load('u2')).toBeUndefined();
    drafts.clear('u1');
    expect(drafts.load('u1')).toBeUndefined();
  });

  it('drops unreadable or foreign drafts instead of sending them', () => {
    const store = memoryStore({
      [draftStorageKey('u1')]: '{not json',
      [draftStorageKey('u2')]: JSON.stringify({ ...draft(), userId: 'someone-else' }),
      [draftStorageKey('u3')]: JSON.stringify({ ...draft({ userId: 'u3' }), idempotencyKey: 'bad key!' }),
    });
    const drafts = createDraftStore(store);
    expect(drafts.load('u1')).toBeUndefined();
    expect(drafts.load('u2')).toBeUndefined();
    expect(drafts.load('u3')).toBeUndefined();
    expect(store.get(draftStorageKey('u1'))).toBeUndefined();
    expect(store.get(draftStorageKey('u2'))).toBeUndefined();
  });
});

describe('draft states', () => {
  it('locks a draft that may have reached the server and frees one that was refused', () => {
    expect(isDraftEditable(undefined)).toBe(true);
    expect(isDraftEditable(draft({ state: 'sending' }))).toBe(false);
    expect(isDraftEditable(draft({ state: 'failed' }))).toBe(false);
    expect(isDraftEditable(draft({ state: 'invalid' }))).toBe(true);
  });

  it('retries by itself only drafts that were not refused', () => {
    expect(shouldAutoRetry(undefined)).toBe(false);
    expect(shouldAutoRetry(draft({ state: 'sending' }))).toBe(true);
    expect(shouldAutoRetry(draft({ state: 'failed' }))).toBe(true);
    expect(shouldAutoRetry(draft({ state: 'invalid' }))).toBe(false);
  });
});

describe('classifyFailure', () => {
  const error = (code: ConstructorParameters<typeof ApiError>[0], status: number) =>
    new ApiError(code, 'x', status);

  it.each([
    ['network', 0, 'retry'],
    ['internal', 500, 'retry'],
    ['internal', 502, 'retry'],
    ['dependency_unavailable', 503, 'retry'],
    ['rate_limited', 429, 'retry'],
    ['bad_response', 201, 'retry'],
    ['conflict', 409, 'wait'],
    ['validation_failed', 400, 'invalid'],
    ['payload_too_large', 413, 'invalid'],
    ['unsupported_media_type', 415, 'invalid'],
    ['unprocessable', 422, 'invalid'],
    ['forbidden', 403, 'invalid'],
    ['bad_response', 418, 'invalid'],
    ['unauthenticated', 401, 'auth'],
    ['token_expired', 401, 'auth'],
  ] as const)('%s (%i) → %s', (code, status, kind) => {
    expect(classifyFailure(error(code, status))).toBe(kind);
  });
});

describe('conflictDelayMs', () => {
  it('follows the BFF hint within 1–30 s, else waits 2 s', () => {
    expect(conflictDelayMs({ retryAfterSeconds: 2 })).toBe(2000);
    expect(conflictDelayMs({ retryAfterSeconds: 0 })).toBe(1000);
    expect(conflictDelayMs({ retryAfterSeconds: 600 })).toBe(30_000);
    expect(conflictDelayMs({ retryAfterSeconds: 'soon' })).toBe(2000);
    expect(conflictDelayMs(undefined)).toBe(2000);
  });
});
