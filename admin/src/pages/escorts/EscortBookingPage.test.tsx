// @vitest-environment jsdom
// A browser far from Beijing (and with daylight saving): what the worker picks must still be sent as Beijing
// wall-clock, not shifted by the browser's own zone.
process.env.TZ = 'America/New_York';
import { beijingDate, type CreateEscortRequest } from '@jiefang/contracts';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeElder, makeEscort } from '../../test/escorts';
import {
  byTestId,
  click,
  fakeBff,
  type FakeRequest,
  findByTestId,
  pickInto,
  render,
  setUpPageTests,
  signIn,
  typeInto,
  waitUntil,
} from '../../test/dom';
import { EscortBookingPage } from './EscortBookingPage';

const chen = makeElder();
const services = {
  items: [
    { type: 'hospital_escort', name: '陪诊', defaultMinutes: 180, inPerson: true },
    { type: 'medicine_pickup', name: '代取药', defaultMinutes: 90, inPerson: true },
    { type: 'companion_call', name: '电话陪聊', defaultMinutes: 30, inPerson: false },
    { type: 'home_visit', name: '上门陪护', defaultMinutes: 120, inPerson: true },
  ],
};
// A day safely ahead, in Beijing, whenever the suite runs.
const day = beijingDate(Date.now() + 3 * 24 * 60 * 60 * 1000);
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const routes = { 'GET /api/elders': { items: [chen] }, 'GET /api/escort-services': services };
const posts = (requests: FakeRequest[]) => requests.filter((request) => request.method === 'POST');
/** The cell of a time panel's column (0 hours, 1 minutes) that reads `text`. */
const cellOf = (dropdown: Element, column: number, text: string) => {
  const cells = dropdown.querySelectorAll(`.ant-picker-time-panel-column:nth-child(${column + 1}) li`);
  const cell = [...cells].find((item) => item.textContent === text);
  if (!cell) throw new Error(`no ${text} in time column ${column}`);
  return cell.querySelector('.ant-picker-time-panel-cell-inner') ?? cell;
};
async function waitFor<T>(find: () => T | null): Promise<T> {
  let found: T | null = null;
  await waitUntil(() => (found = find()) !== null);
  return found!;
}
const inputValue = (id: string) => (byTestId(id) as HTMLInputElement | null)?.value;

setUpPageTests();
beforeEach(() => signIn(['community_worker']));

describe('EscortBookingPage', { timeout: 60_000 }, () => {
  it('books a hospital escort by phone for the elder picked, in Beijing time', async () => {
    const bff = fakeBff({
      ...routes,
      'POST /api/escorts': (request) => {
        const body = request.body as CreateEscortRequest;
        return json(
          201,
          makeEscort({
            id: 'ES-77',
            windowStart: body.windowStart,
            windowEnd: body.windowEnd,
            hospital: body.hospital ?? null,
          }),
        );
      },
    });
    const page = await render(<EscortBookingPage />, '/escorts/book?elder=E-1');
    const summary = await findByTestId('booking-elder-summary');
    expect(summary.textContent).toContain('轮椅');
    expect(summary.textContent).toContain('陈小明（儿子）');
    // The pickup starts at the elder's home, the end from the service's usual three hours.
    await waitUntil(() => inputValue('booking-pickup') === '江南中街 12 号 3 楼');
    await waitUntil(() => inputValue('booking-end') === '12:00');

    await pickInto(await findByTestId('booking-date'), day);
    await pickInto(await findByTestId('booking-start'), '08:30');
    await waitUntil(() => inputValue('booking-end') === '11:30');
    await typeInto(await findByTestId('booking-hospital'), ' 孙逸仙纪念医院 ');
    await typeInto(await findByTestId('booking-department'), '心内科');
    await typeInto(await findByTestId('booking-notes'), '带医保卡');
    await click(await findByTestId('booking-submit'));

    const done = await findByTestId('booking-success');
    expect(done.dataset.escortId).toBe('ES-77');
    expect(done.textContent).toContain('已为 陈婆婆 提交预约');
    expect(posts(bff.requests)).toEqual([
      {
        method: 'POST',
        path: '/api/escorts',
        body: {
          elderId: 'E-1',
          serviceType: 'hospital_escort',
          windowStart: `${day}T08:30:00+08:00`,
          windowEnd: `${day}T11:30:00+08:00`,
          pickupAddress: '江南中街 12 号 3 楼',
          hospital: '孙逸仙纪念医院',
          department: '心内科',
          notes: '带医保卡',
        },
      },
    ]);
    await click(await findByTestId('booking-view'));
    await waitUntil(() => page!.router.state.location.search === '?escort=ES-77');
  });

  it('checks the form first: 陪诊 needs a hospital, the window its order', async () => {
    const bff = fakeBff(routes);
    await render(<EscortBookingPage />, '/escorts/book?elder=E-1');
    await findByTestId('booking-hospital');
    await pickInto(await findByTestId('booking-date'), day);
    await pickInto(await findByTestId('booking-end'), '08:00');
    await click(await findByTestId('booking-submit'));
    expect((await findByTestId('booking-error-hospital')).textContent).toBe('陪诊请填写医院');
    expect((await findByTestId('booking-error-endTime')).textContent).toBe('结束时间必须晚于开始时间');
    expect(posts(bff.requests)).toEqual([]);
    // Fixing a field clears its message.
    await typeInto(await findByTestId('booking-hospital'), '红会医院');
    await waitUntil(() => byTestId('booking-error-hospital') === null);
  });

  it('offers Beijing days from today and 24-hour service times in 5-minute steps', async () => {
    const bff = fakeBff({
      ...routes,
      'POST /api/escorts': (request) => json(201, makeEscort({ ...(request.body as object) })),
    });
    await render(<EscortBookingPage />, '/escorts/book?elder=E-1');
    await findByTestId('booking-hospital');
    const start = await findByTestId('booking-start');
    start.focus();
    start.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    await click(start);
    const dropdown = await waitFor(() => document.querySelector('.ant-picker-dropdown'));
    const column = (index: number) =>
      [...dropdown.querySelectorAll(`.ant-picker-time-panel-column:nth-child(${index + 1}) li`)].map(
        (cell) => cell.textContent,
      );
    // Hours and minutes only (no AM/PM column): 07–21, minutes in fives.
    expect(dropdown.querySelectorAll('.ant-picker-time-panel-column')).toHaveLength(2);
    expect(column(0)).toEqual(Array.from({ length: 15 }, (_, i) => String(7 + i).padStart(2, '0')));
    expect(column(1)).toEqual(Array.from({ length: 12 }, (_, i) => String(5 * i).padStart(2, '0')));
    // Picking on the panel, hour then minute, takes effect when it closes; the end follows three hours on.
    await click(cellOf(dropdown, 0, '14'));
    await click(cellOf(dropdown, 1, '35'));
    await waitUntil(() => inputValue('booking-start') === '14:35');
    document.body.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    start.blur();
    await waitUntil(() => inputValue('booking-end') === '17:35');

    // A past day, a 12-hour time or one outside service hours is not taken: the pickers keep their values.
    const tomorrow = beijingDate(Date.now() + 24 * 60 * 60 * 1000);
    await pickInto(await findByTestId('booking-date'), beijingDate(Date.now() - 24 * 60 * 60 * 1000));
    await pickInto(await findByTestId('booking-start'), '6:30 PM');
    await pickInto(await findByTestId('booking-end'), '21:30');
    await waitUntil(() => inputValue('booking-date') === tomorrow && inputValue('booking-end') === '17:35');
    expect(inputValue('booking-start')).toBe('14:35');
    await typeInto(await findByTestId('booking-hospital'), '红会医院');
    await click(await findByTestId('booking-submit'));
    await findByTestId('booking-success');
    expect(posts(bff.requests).map((request) => request.body)).toMatchObject([
      { windowStart: `${tomorrow}T14:35:00+08:00`, windowEnd: `${tomorrow}T17:35:00+08:00` },
    ]);
  });

  it('shows the BFF’s field errors next to their fields', async () => {
    fakeBff({
      ...routes,
      'POST /api/escorts': () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: '请求参数有误',
            details: {
              fields: [
                { path: 'windowStart', message: '与陈婆婆 09:00–12:00 的陪诊预约时间重叠' },
                { path: 'elderId', message: '长者不在你的街道' },
              ],
            },
          },
        }),
    });
    await render(<EscortBookingPage />, '/escorts/book?elder=E-1');
    await pickInto(await findByTestId('booking-date'), day);
    await typeInto(await findByTestId('booking-hospital'), '红会医院');
    await click(await findByTestId('booking-submit'));
    expect((await findByTestId('booking-error-startTime')).textContent).toBe(
      '与陈婆婆 09:00–12:00 的陪诊预约时间重叠',
    );
    expect(byTestId('booking-error-elderId')?.textContent).toBe('长者不在你的街道');
    expect(byTestId('booking-error')?.textContent).toContain('请求参数有误');
    expect(byTestId('booking-success')).toBeNull();
  });

  it('asks no addresses for a companion call', async () => {
    const bff = fakeBff({
      ...routes,
      'POST /api/escorts': (request) =>
        json(201, makeEscort({ id: 'ES-78', serviceType: 'companion_call', ...(request.body as object) })),
    });
    await render(<EscortBookingPage />, '/escorts/book?elder=E-1');
    await findByTestId('booking-pickup');
    await click(await findByTestId('booking-service-companion_call'));
    await waitUntil(() => byTestId('booking-pickup') === null && byTestId('booking-hospital') === null);
    await waitUntil(() => inputValue('booking-end') === '09:30');
    await pickInto(await findByTestId('booking-date'), day);
    await click(await findByTestId('booking-submit'));
    await findByTestId('booking-success');
    expect(posts(bff.requests)[0]?.body).toEqual({
      elderId: 'E-1',
      serviceType: 'companion_call',
      windowStart: `${day}T09:00:00+08:00`,
      windowEnd: `${day}T09:30:00+08:00`,
    });
  });

  it('sends the worker to register an elder first when there is none', async () => {
    fakeBff({ ...routes, 'GET /api/elders': { items: [] } });
    await render(<EscortBookingPage />, '/escorts/book');
    expect((await findByTestId('booking-no-elders')).textContent).toContain('还没有登记长者');
  });
});
