import type { ReactNode } from 'react';
import { EmptyBox, ErrorBox, LoadingBox } from './LoadStates';
import { PageShell } from './PageShell';
import type { LoadState } from './loadRunner';

export interface EmptyState {
  icon: string;
  text: string;
  /** What to do next (e.g. a button to create the first one). */
  action?: ReactNode;
}

/**
 * The frame of a page that shows one loaded thing: the page root (large text as the user chose, or always
 * for pages made for elders), its title bar, then the loading card, the failure with 重试, the empty card,
 * or the content. Test ids are `testId` plus `-loading`, `-error` (its link `-error-retry`) and `-empty`.
 */
export function DetailLayout<T>({
  state,
  onRetry,
  testId,
  loadingText,
  header,
  notice,
  empty,
  alwaysLarge = false,
  children,
}: {
  state: LoadState<T>;
  onRetry: () => void;
  testId: string;
  loadingText: string;
  /** The title bar, shown in every state. */
  header?: ReactNode;
  /** Shown under the title bar in every state (a draft waiting, a volunteer not yet verified). */
  notice?: ReactNode;
  /** For 'empty' states; without it an empty value is shown as content. */
  empty?: EmptyState;
  alwaysLarge?: boolean;
  children: (value: T, loadedAt: number) => ReactNode;
}) {
  let body: ReactNode;
  if (state.status === 'loading') body = <LoadingBox testId={`${testId}-loading`} text={loadingText} />;
  else if (state.status === 'error')
    body = <ErrorBox testId={`${testId}-error`} message={state.message} onRetry={onRetry} />;
  else if (state.status === 'empty' && empty) {
    body = (
      <EmptyBox testId={`${testId}-empty`} icon={empty.icon} text={empty.text}>
        {empty.action}
      </EmptyBox>
    );
  } else body = children(state.value, state.loadedAt);
  return (
    <PageShell alwaysLarge={alwaysLarge}>
      {header}
      {notice}
      {body}
    </PageShell>
  );
}
