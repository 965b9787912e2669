import { useSearchParams } from 'react-router-dom';

export interface UrlStateOptions {
  /** Keys whose change is a step the Back button should undo (the open record); filters replace. */
  historyKeys?: readonly string[];
  /** Keys that "clear filters" keeps (the open record, the tab). */
  keepOnClear?: readonly string[];
}

/**
 * A list page's state in the URL query, so a view can be shared, reloaded and stepped back through:
 * `setParam` sets or removes one key, `clearFilters` drops all but the kept ones.
 */
export function useUrlState({ historyKeys = [], keepOnClear = [] }: UrlStateOptions = {}) {
  const [params, setParams] = useSearchParams();

  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: !historyKeys.includes(key) },
    );

  const clearFilters = () =>
    setParams(
      (prev) => {
        const next = new URLSearchParams();
        for (const key of keepOnClear) {
          const value = prev.get(key);
          if (value) next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );

  return { params, setParam, clearFilters };
}
