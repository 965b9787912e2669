import {
  nextSharingState,
  sharingOff,
  watchedMode,
  type SharingEvent,
  type SharingState,
} from './locationPermission';

const run = (events: SharingEvent[], from: SharingState = sharingOff) =>
  events.reduce((state, event) => nextSharingState(state, event), from);

describe('nextSharingState', () => {
  it('asks for the background permission on duty and shares once granted', () => {
    const asking = run([{ type: 'dutyOn', preferred: 'background' }]);
    expect(asking).toEqual({ phase: 'requesting', mode: 'background' });
    expect(watchedMode(asking)).toBe('background');
    expect(run([{ type: 'started', mode: 'background' }], asking)).toEqual({
      phase: 'sharing',
      mode: 'background',
    });
  });

  it('explains a refused background permission, then shares in the foreground if the officer agrees', () => {
    const refused = run([
      { type: 'dutyOn', preferred: 'background' },
      { type: 'refused', mode: 'background' },
    ]);
    expect(refused).toEqual({ phase: 'backgroundRefused' });
    expect(watchedMode(refused)).toBeUndefined();
    expect(run([{ type: 'useForeground' }, { type: 'started', mode: 'foreground' }], refused)).toEqual({
      phase: 'sharing',
      mode: 'foreground',
    });
    // Back from the settings: background is tried again.
    expect(run([{ type: 'retry', preferred: 'background' }], refused)).toEqual({
      phase: 'requesting',
      mode: 'background',
    });
  });

  it('ends in denied when even the foreground is refused, until a retry', () => {
    const denied = run([
      { type: 'dutyOn', preferred: 'background' },
      { type: 'refused', mode: 'background' },
      { type: 'useForeground' },
      { type: 'refused', mode: 'foreground' },
    ]);
    expect(denied).toEqual({ phase: 'denied' });
    expect(run([{ type: 'useForeground' }], denied)).toBe(denied);
    expect(run([{ type: 'retry', preferred: 'foreground' }], denied)).toEqual({
      phase: 'requesting',
      mode: 'foreground',
    });
  });

  it('notices a permission taken away while sharing, and an unavailable device', () => {
    const sharing: SharingState = { phase: 'sharing', mode: 'foreground' };
    expect(run([{ type: 'refused', mode: 'foreground' }], sharing)).toEqual({ phase: 'denied' });
    expect(run([{ type: 'unavailable' }], { phase: 'requesting', mode: 'foreground' })).toEqual({
      phase: 'unavailable',
    });
  });

  it('ignores answers of an earlier request, and stops everything off duty', () => {
    const asking: SharingState = { phase: 'requesting', mode: 'foreground' };
    expect(run([{ type: 'started', mode: 'background' }], asking)).toBe(asking);
    expect(run([{ type: 'dutyOff' }], { phase: 'sharing', mode: 'background' })).toEqual(sharingOff);
    expect(run([{ type: 'started', mode: 'background' }])).toEqual(sharingOff);
  });
});
