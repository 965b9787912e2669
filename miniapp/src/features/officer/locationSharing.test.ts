import type { LocationFix } from './locationThrottle';
import type { LocationWatch, WatchOutcome } from './locationWatch';
import { createLocationSharing } from './locationSharing';

/** A platform whose permission answers the test sets, and whose fixes the test sends. */
function fakeWatch(answers: Partial<Record<'background' | 'foreground', WatchOutcome>>, background = true) {
  const calls: string[] = [];
  let onFix: ((fix: LocationFix) => void) | undefined;
  let onProblem: ((problem: 'refused' | 'unavailable') => void) | undefined;
  const watch: LocationWatch = {
    supportsBackground: background,
    canOpenSettings: background,
    async start(mode, fix, problem) {
      calls.push(`start:${mode}`);
      onFix = fix;
      onProblem = problem;
      return answers[mode] ?? 'started';
    },
    stop() {
      calls.push('stop');
    },
    async openSettings() {
      calls.push('settings');
      answers.background = 'started';
      return true;
    },
  };
  return { watch, calls, fix: (f: LocationFix) => onFix?.(f), problem: (p: 'refused') => onProblem?.(p) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const fixAt = (seconds: number, north = 0): LocationFix => ({
  lat: 23.1 + north / 111_320,
  lng: 113.3,
  accuracy: 8,
  at: seconds * 1000,
});

function setup(
  platform: ReturnType<typeof fakeWatch>,
  send = jest.fn(async (_fix: LocationFix): Promise<unknown> => undefined),
) {
  let clock = 0;
  const sharing = createLocationSharing({
    watch: platform.watch,
    send,
    describe: (error) => (error instanceof Error ? error.message : 'x'),
    now: () => clock,
  });
  return { sharing, send, tick: (ms: number) => (clock += ms) };
}

describe('createLocationSharing', () => {
  it('asks for background on duty, sends fixes throttled, and stops and forgets off duty', async () => {
    const platform = fakeWatch({});
    const { sharing, send } = setup(platform);
    sharing.setOnDuty(true);
    await settle();
    expect(sharing.snapshot().state).toEqual({ phase: 'sharing', mode: 'background' });
    platform.fix(fixAt(0));
    await settle();
    platform.fix(fixAt(3, 200)); // too soon after the last send
    await settle();
    platform.fix(fixAt(15, 200));
    await settle();
    expect(send.mock.calls.map(([fix]) => fix.at)).toEqual([0, 15_000]);
    expect(sharing.snapshot().lastFix?.at).toBe(15_000);

    sharing.setOnDuty(true); // the page reloading the status changes nothing
    sharing.setOnDuty(false);
    expect(platform.calls).toEqual(['start:background', 'stop']);
    expect(sharing.snapshot()).toEqual({
      state: { phase: 'off' },
      lastFix: undefined,
      lastSentAt: undefined,
      sendError: undefined,
    });
  });

  it('falls back to the foreground when background is refused, and back after the settings', async () => {
    const platform = fakeWatch({ background: 'refused' });
    const { sharing } = setup(platform);
    sharing.setOnDuty(true);
    await settle();
    expect(sharing.snapshot().state).toEqual({ phase: 'backgroundRefused' });
    sharing.useForeground();
    await settle();
    expect(sharing.snapshot().state).toEqual({ phase: 'sharing', mode: 'foreground' });

    // The permission is taken away, then granted in the settings.
    platform.problem('refused');
    expect(sharing.snapshot().state).toEqual({ phase: 'denied' });
    await sharing.openSettings();
    await settle();
    expect(sharing.snapshot().state).toEqual({ phase: 'sharing', mode: 'background' });
    expect(platform.calls).toEqual([
      'start:background',
      'stop',
      'start:foreground',
      'stop',
      'settings',
      'start:background',
    ]);
  });

  it('shares in the foreground in H5 and shows why a send failed until one succeeds', async () => {
    const platform = fakeWatch({}, false);
    const send = jest.fn().mockRejectedValueOnce(new Error('网络连接失败')).mockResolvedValue(undefined);
    const { sharing, tick } = setup(platform, send);
    sharing.setOnDuty(true);
    await settle();
    expect(sharing.snapshot().state).toEqual({ phase: 'sharing', mode: 'foreground' });
    platform.fix(fixAt(0));
    await settle();
    expect(sharing.snapshot().sendError).toBe('网络连接失败');
    tick(5000);
    platform.fix(fixAt(1)); // the failed one was not recorded: the next goes at once
    await settle();
    expect(sharing.snapshot()).toMatchObject({ sendError: undefined, lastSentAt: 5000 });
  });
});
