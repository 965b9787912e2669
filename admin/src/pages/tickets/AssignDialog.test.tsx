// @vitest-environment jsdom
import { type OfficerSummary } from '@jiefang/contracts';
import { describe, expect, it } from 'vitest';
import {
  byTestId,
  click,
  fakeBff,
  findByTestId,
  render,
  setUpPageTests,
  signIn,
  waitUntil,
} from '../../test/dom';
import { makeTicket } from '../../test/tickets';
import { AssignDialog } from './AssignDialog';

setUpPageTests();

function officer(id: string, name: string, overrides: Partial<OfficerSummary> = {}): OfficerSummary {
  return {
    id,
    name,
    squadId: 'squad-chigang',
    streetId: 'chigang',
    onDuty: true,
    travelMode: 'ebike',
    capacity: 3,
    activeTickets: 0,
    onShift: true,
    location: { lat: 23.1066, lng: 113.3245, at: new Date().toISOString() },
    ...overrides,
  };
}

const officers = {
  items: [
    officer('o-on', '当班队员'),
    officer('o-home', '休息队员', { onDuty: false, location: null }),
    officer('o-night', '夜班队员', { onShift: false }),
  ],
};

async function choose(officerId: string) {
  const select = (await findByTestId('assign-officer-select')).closest('.ant-select');
  select
    ?.querySelector('.ant-select-selector')
    ?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
  await click(await findByTestId(`assign-officer-option-${officerId}`));
}

describe('AssignDialog', { timeout: 60_000 }, () => {
  it('shows each officer’s duty and shift, and warns before assigning one off duty or off shift', async () => {
    signIn(['dispatcher']);
    const bff = fakeBff({
      'GET /api/officers': officers,
      'GET /api/streets': { items: [] },
      'POST /api/tickets/T-1/assign': makeTicket({ assigneeId: 'o-home' }),
    });
    await render(
      <AssignDialog ticket={makeTicket({ assigneeId: null })} open onClose={() => {}} />,
      '/tickets',
    );
    await choose('o-on');
    expect(byTestId('assign-officer-option-o-night')?.textContent).toContain('不在当前班次');
    expect(byTestId('assign-officer-option-o-home')?.textContent).toContain('不在岗');
    expect(byTestId('assign-officer-option-o-on')?.textContent).toContain('当班');
    await waitUntil(() => byTestId('assign-submit')?.textContent === '确认指派');
    expect(byTestId('assign-warning')).toBeNull();

    await choose('o-night');
    expect((await findByTestId('assign-warning')).textContent).toContain('夜班队员 不在当前班次');
    await choose('o-home');
    await waitUntil(() => byTestId('assign-warning')?.textContent?.includes('休息队员 现在不在岗') ?? false);
    expect(byTestId('assign-submit')?.textContent).toBe('仍然指派');

    await click(byTestId('assign-submit') as HTMLElement);
    await waitUntil(() => bff.requests.some((request) => request.method === 'POST'));
    expect(bff.requests.find((request) => request.method === 'POST')?.body).toEqual({ officerId: 'o-home' });
  });
});
