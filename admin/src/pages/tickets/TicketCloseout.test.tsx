// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  byTestId,
  click,
  fakeBff,
  findByTestId,
  render,
  resetApp,
  setUpPageTests,
  signIn,
  typeInto,
  waitUntil,
} from '../../test/dom';
import { makeTicket } from '../../test/tickets';
import { closeRequestOf } from './CloseTicketDialog';
import { TicketDetailDrawer } from './TicketDetailDrawer';

setUpPageTests();

const field = (testId: string) => {
  const holder = byTestId(testId);
  if (!holder) throw new Error(`no ${testId}`);
  return holder.matches('input, textarea') ? holder : (holder.querySelector('input, textarea') as Element);
};

describe('关闭工单 in the ticket drawer', { timeout: 30_000 }, () => {
  it('lets a dispatcher close a ticket as not ours, naming the outside body', async () => {
    signIn(['dispatcher']);
    const ticket = makeTicket();
    const bff = fakeBff({
      'GET /api/tickets/T-1': ticket,
      'POST /api/tickets/T-1/close': makeTicket({
        status: 'closed',
        closure: {
          kind: 'not_ours',
          reason: '属交警职责',
          duplicateOfId: null,
          passedTo: '交警大队',
          at: '2030-01-01T08:05:00.000Z',
        },
      }),
    });
    await render(<TicketDetailDrawer ticketId="T-1" live="stopped" onClose={() => {}} />, '/tickets');
    await click(await findByTestId('ticket-close'));
    await click(await findByTestId('close-kind-not_ours'));
    await typeInto(await waitFor(() => field('close-passed-to')), '交警大队');
    await typeInto(field('close-reason'), '  属交警职责 ');
    await click(await findByTestId('close-submit'));
    await waitUntil(() => bff.requests.some((request) => request.method === 'POST'));
    const sent = bff.requests.find((request) => request.method === 'POST');
    expect(sent).toMatchObject({
      path: '/api/tickets/T-1/close',
      body: { kind: 'not_ours', reason: '属交警职责', passedTo: '交警大队' },
    });
  });

  it('is not offered to a squad leader, nor for a finished ticket', async () => {
    signIn(['squad_leader']);
    fakeBff({ 'GET /api/tickets/T-1': makeTicket() });
    let page = await render(
      <TicketDetailDrawer ticketId="T-1" live="stopped" onClose={() => {}} />,
      '/tickets',
    );
    expect((await findByTestId('ticket-close')).hasAttribute('disabled')).toBe(true);
    page.unmount();
    resetApp();

    signIn(['dispatcher']);
    fakeBff({ 'GET /api/tickets/T-1': makeTicket({ status: 'resolved' }) });
    page = await render(<TicketDetailDrawer ticketId="T-1" live="stopped" onClose={() => {}} />, '/tickets');
    expect((await findByTestId('ticket-close')).hasAttribute('disabled')).toBe(true);
  });

  it('sends only the field the kind needs', () => {
    expect(
      closeRequestOf({ kind: 'duplicate', reason: ' 同一摊贩 ', duplicateOfId: ' T-9 ', passedTo: 'x' }),
    ).toEqual({ kind: 'duplicate', reason: '同一摊贩', duplicateOfId: 'T-9' });
    expect(closeRequestOf({ kind: 'invalid', reason: '误报', passedTo: '供电局' })).toEqual({
      kind: 'invalid',
      reason: '误报',
    });
  });
});

async function waitFor(find: () => Element): Promise<Element> {
  let found: Element | undefined;
  await waitUntil(() => {
    try {
      found = find();
      return Boolean(found);
    } catch {
      return false;
    }
  });
  return found as Element;
}
