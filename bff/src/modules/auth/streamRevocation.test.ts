import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { signInAsStaff } from '../../testing/staffLogin';

let t: TestApp;
let admin: { token: string; userId: string };
beforeAll(async () => {
  t = await startTestApp('stream_revocation');
  admin = await signInAsStaff(t, 'stream-admin', ['admin']);
});
afterAll(() => t.close());

/** Opens an event stream and resolves with how it ended: the server closed it, or it was still open. */
async function openStream(path: string, token: string) {
  const { port } = t.server.address() as AddressInfo;
  const abort = new AbortController();
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    headers: { Authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const ended = (async () => {
    for (;;) {
      const { done } = await reader.read();
      if (done) return 'closed by the server' as const;
    }
  })().catch(() => 'aborted' as const);
  return { ended, abort: () => abort.abort() };
}

describe("a disabled user's open event streams", () => {
  it.each(['/api/tickets/events', '/api/alarms/events', '/api/me/events'])(
    'end within seconds: %s',
    async (path) => {
      const officer = await t.loginAs('officer', `直播队员${path.length}`, '赤岗街道');
      const colleague = await t.loginAs('officer', `在岗队员${path.length}`, '赤岗街道');
      const disabledStream = await openStream(path, officer.token);
      const colleagueStream = await openStream(path, colleague.token);

      await t.http
        .patch(`/api/users/${officer.userId}`)
        .set('Authorization', `Bearer ${admin.token}`)
        .send({ disabled: true })
        .expect(200);

      const outcome = await Promise.race([
        disabledStream.ended,
        new Promise((resolve) => setTimeout(() => resolve('still open'), 15_000)),
      ]);
      expect(outcome).toBe('closed by the server');
      // Someone else's stream goes on.
      const other = await Promise.race([
        colleagueStream.ended,
        new Promise((resolve) => setTimeout(() => resolve('still open'), 500)),
      ]);
      expect(other).toBe('still open');
      colleagueStream.abort();
    },
    30_000,
  );
});
