import { ApiError } from '../api/client';
import { createLoadRunner, type LoadPolicy, type LoadState } from './loadRunner';

/** A runner over a plain variable, with answers the test releases by hand. */
function setup<T>(policy: LoadPolicy<T> = {}, initial: LoadState<T> = { status: 'loading' }) {
  let state = initial;
  const pending: Array<{ resolve: (value: T) => void; reject: (error: unknown) => void }> = [];
  const runner = createLoadRunner<T>({
    load: () => new Promise<T>((resolve, reject) => pending.push({ resolve, reject })),
    read: () => state,
    write: (next) => {
      state = next;
    },
    policy: () => policy,
    describe: (error) => (error instanceof Error ? error.message : 'unknown'),
    now: () => 1000,
  });
  return { runner, pending, state: () => state };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createLoadRunner', () => {
  it('shows loading, then the value with when it arrived, or empty by the page’s rule', async () => {
    const { runner, pending, state } = setup<number[]>({ isEmpty: (items) => items.length === 0 });
    const first = runner.run(false);
    expect(state()).toEqual({ status: 'loading' });
    pending[0]!.resolve([1]);
    await first;
    expect(state()).toEqual({ status: 'ready', value: [1], loadedAt: 1000 });

    const second = runner.run(false);
    pending[1]!.resolve([]);
    await second;
    expect(state()).toEqual({ status: 'empty', value: [], loadedAt: 1000 });
  });

  it('shows a failure, and leaves everything alone when the token was refused', async () => {
    const { runner, pending, state } = setup<string>();
    const failing = runner.run(false);
    pending[0]!.reject(new Error('网络连接失败'));
    await failing;
    expect(state()).toEqual({ status: 'error', message: '网络连接失败' });

    const refused = runner.run(false);
    pending[1]!.reject(new ApiError('token_expired', '登录已过期', 401));
    await refused;
    expect(state()).toEqual({ status: 'loading' });
  });

  it('keeps what is shown while a quiet refresh runs, and after it fails by default', async () => {
    const shown: LoadState<string> = { status: 'ready', value: 'old', loadedAt: 1 };
    const onRefreshFailure = jest.fn();
    const { runner, pending, state } = setup<string>({ onRefreshFailure }, shown);
    const refresh = runner.run(true);
    expect(state()).toBe(shown);
    pending[0]!.reject(new Error('超时'));
    await refresh;
    expect(state()).toBe(shown);
    expect(onRefreshFailure).toHaveBeenCalledWith('超时');
  });

  it('notes or shows a failed refresh when the page asks', async () => {
    const shown: LoadState<string> = { status: 'ready', value: 'old', loadedAt: 1 };
    const noted = setup<string>({ refreshFailure: 'note' }, shown);
    const first = noted.runner.run(true);
    noted.pending[0]!.reject(new Error('超时'));
    await first;
    expect(noted.state()).toEqual({ ...shown, refreshError: '超时' });

    const shownError = setup<string>({ refreshFailure: 'show' }, shown);
    const second = shownError.runner.run(true);
    shownError.pending[0]!.reject(new Error('超时'));
    await second;
    expect(shownError.state()).toEqual({ status: 'error', message: '超时' });
  });

  it('shows the error of a failed refresh when nothing was shown yet', async () => {
    const { runner, pending, state } = setup<string>({}, { status: 'error', message: 'before' });
    const refresh = runner.run(true);
    pending[0]!.reject(new Error('again'));
    await refresh;
    expect(state()).toEqual({ status: 'error', message: 'again' });
  });

  it('drops an answer overtaken by a newer load, and every answer once detached', async () => {
    const { runner, pending, state } = setup<string>();
    const detach = runner.attach();
    const older = runner.run(false);
    const newer = runner.run(false);
    pending[1]!.resolve('newer');
    await newer;
    pending[0]!.resolve('older');
    await older;
    expect(state()).toEqual({ status: 'ready', value: 'newer', loadedAt: 1000 });

    const late = runner.run(true);
    detach();
    pending[2]!.resolve('after the page went');
    await late;
    await settle();
    expect(state()).toEqual({ status: 'ready', value: 'newer', loadedAt: 1000 });

    runner.attach();
    const again = runner.run(true);
    pending[3]!.resolve('back');
    await again;
    expect(state()).toMatchObject({ value: 'back' });
  });
});
