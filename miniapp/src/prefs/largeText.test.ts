import { memoryStore } from '../storage';
import { LARGE_TEXT_KEY, createLargeTextPreference, pageClassName, readLargeText } from './largeText';

describe('large-text preference', () => {
  it('is off unless stored as on', () => {
    expect(readLargeText(memoryStore())).toBe(false);
    expect(readLargeText(memoryStore({ [LARGE_TEXT_KEY]: '0' }))).toBe(false);
    expect(readLargeText(memoryStore({ [LARGE_TEXT_KEY]: 'garbage' }))).toBe(false);
    expect(readLargeText(memoryStore({ [LARGE_TEXT_KEY]: '1' }))).toBe(true);
  });

  it('persists a toggle and survives a restart', () => {
    const store = memoryStore();
    const pref = createLargeTextPreference(store);
    expect(pref.toggle()).toBe(true);
    expect(store.get(LARGE_TEXT_KEY)).toBe('1');
    expect(createLargeTextPreference(store).get()).toBe(true);
    pref.set(false);
    expect(createLargeTextPreference(store).get()).toBe(false);
  });

  it('tells subscribers about real changes only, until they unsubscribe', () => {
    const pref = createLargeTextPreference(memoryStore());
    const listener = jest.fn();
    const unsubscribe = pref.subscribe(listener);
    pref.set(true);
    pref.set(true);
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    pref.set(false);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('adds the jf-large class to page roots', () => {
    expect(pageClassName(true).split(' ')).toEqual(['jf-page', 'jf-large']);
    expect(pageClassName(false).split(' ')).toEqual(['jf-page']);
  });
});
