import type { EscortService } from '@jiefang/contracts';
import {
  bookingWindow,
  buildEscortRequest,
  chooseElder,
  chooseService,
  emptyBooking,
  errorsFromFields,
  fieldOfPath,
  firstStepWithError,
  keepFittingTime,
  placeFields,
  validateStep,
  type BookingValues,
} from './booking';

const services: EscortService[] = [
  { type: 'hospital_escort', name: '陪诊', defaultMinutes: 180, inPerson: true },
  { type: 'medicine_pickup', name: '代取药', defaultMinutes: 90, inPerson: true },
  { type: 'companion_call', name: '电话陪聊', defaultMinutes: 30, inPerson: false },
  { type: 'home_visit', name: '上门探访', defaultMinutes: 60, inPerson: true },
];
const elders = [{ id: 'elder-1' }, { id: 'elder-2' }];
const now = Date.parse('2026-11-24T01:00:00Z'); // 09:00 Beijing, Tuesday
const context = { services, elders, now };

const filled: BookingValues = {
  ...emptyBooking,
  elderId: 'elder-1',
  serviceType: 'hospital_escort',
  day: '2026-11-25',
  time: '09:00',
  durationMinutes: 180,
  hospital: ' 广州市第一人民医院 ',
  department: '心内科',
  pickupAddress: '江南中街道 12 号',
  notes: '',
};

describe('validateStep', () => {
  it('service: needs an elder of the family and a service on offer', () => {
    expect(validateStep('service', emptyBooking, context)).toEqual({
      elderId: '请选择为哪位老人预约',
      serviceType: '请选择需要的服务',
    });
    expect(validateStep('service', { ...filled, elderId: 'stranger' }, context)).toHaveProperty('elderId');
    expect(validateStep('service', filled, context)).toEqual({});
  });

  it('when: needs a duration, a day and a time that is still offered', () => {
    const values = { ...filled, day: null, time: null };
    expect(validateStep('when', values, context)).toEqual({ day: '请选择哪一天' });
    expect(validateStep('when', { ...filled, time: null }, context)).toEqual({ time: '请选择几点开始' });
    expect(validateStep('when', { ...filled, durationMinutes: null }, context)).toEqual({
      duration: '请选择大约需要多久',
    });
    expect(validateStep('when', filled, context)).toEqual({});
  });

  it('when: refuses a time already past, one ending after 21:00 or off the half-hour grid', () => {
    expect(validateStep('when', { ...filled, day: '2026-11-24', time: '08:00' }, context).window).toBe(
      '这个时间已经过去了，请重新选择',
    );
    expect(validateStep('when', { ...filled, time: '19:00' }, context).window).toBe(
      '服务时间为每天 07:00–21:00，请重新选择',
    );
    expect(validateStep('when', { ...filled, time: '09:10' }, context)).toHaveProperty('window');
  });

  it('where: a hospital escort needs the hospital; medicine pickup where to get it; a call nothing', () => {
    expect(validateStep('where', { ...filled, hospital: '  ' }, context)).toEqual({
      hospital: '陪诊请填写医院',
    });
    const medicine = { ...filled, serviceType: 'medicine_pickup' as const };
    expect(validateStep('where', medicine, context)).toEqual({ destination: '请填写到哪里取药' });
    const call = { ...filled, serviceType: 'companion_call' as const, hospital: '' };
    expect(validateStep('where', call, context)).toEqual({});
    expect(validateStep('where', { ...filled, notes: '很'.repeat(301) }, context)).toEqual({
      notes: '备注不超过 300 个字',
    });
  });

  it('names the fields of each service’s 地点 step', () => {
    expect(placeFields('hospital_escort').map((s) => s.field)).toEqual([
      'hospital',
      'department',
      'pickupAddress',
    ]);
    expect(placeFields('medicine_pickup').map((s) => [s.field, s.required])).toEqual([
      ['destination', true],
      ['pickupAddress', false],
    ]);
    expect(placeFields('home_visit').map((s) => s.field)).toEqual(['pickupAddress']);
    expect(placeFields('companion_call')).toEqual([]);
    expect(placeFields(null)).toEqual([]);
  });
});

describe('bookingWindow / buildEscortRequest', () => {
  it('turns the Beijing day, time and duration into ISO 8601 with +08:00', () => {
    expect(bookingWindow(filled)).toEqual({
      windowStart: '2026-11-25T09:00:00+08:00',
      windowEnd: '2026-11-25T12:00:00+08:00',
    });
    expect(bookingWindow({ day: '2026-11-25', time: null, durationMinutes: 60 })).toBeUndefined();
    expect(bookingWindow({ day: 'someday', time: '09:00', durationMinutes: 60 })).toBeUndefined();
  });

  it('builds the contract’s request, trimmed, without empty or unrelated fields', () => {
    const built = buildEscortRequest({ ...filled, destination: '不该发送' }, context);
    expect(built).toEqual({
      ok: true,
      request: {
        elderId: 'elder-1',
        serviceType: 'hospital_escort',
        windowStart: '2026-11-25T09:00:00+08:00',
        windowEnd: '2026-11-25T12:00:00+08:00',
        pickupAddress: '江南中街道 12 号',
        hospital: '广州市第一人民医院',
        department: '心内科',
      },
    });
  });

  it('sends notes for any service and no place for a companion call', () => {
    const call = {
      ...filled,
      serviceType: 'companion_call' as const,
      durationMinutes: 30,
      notes: ' 老人耳背，请大声点 ',
    };
    const built = buildEscortRequest(call, context);
    expect(built.ok && built.request).toEqual({
      elderId: 'elder-1',
      serviceType: 'companion_call',
      windowStart: '2026-11-25T09:00:00+08:00',
      windowEnd: '2026-11-25T09:30:00+08:00',
      notes: '老人耳背，请大声点',
    });
  });

  it('refuses an incomplete booking with the errors of every step', () => {
    const built = buildEscortRequest({ ...emptyBooking, elderId: 'elder-1' }, context);
    expect(built.ok).toBe(false);
    if (!built.ok) {
      expect(Object.keys(built.errors).sort()).toEqual(['day', 'duration', 'serviceType']);
      expect(firstStepWithError(built.errors)).toBe('service');
    }
  });
});

describe('BFF field errors', () => {
  it('maps contract paths to the fields (and steps) that show them', () => {
    expect(fieldOfPath('windowStart')).toBe('window');
    expect(fieldOfPath('windowEnd')).toBe('window');
    expect(fieldOfPath('hospital')).toBe('hospital');
    expect(fieldOfPath('elderId')).toBe('elderId');
    expect(fieldOfPath('somethingElse')).toBe('form');
  });

  it('reads details.fields, keeps Chinese messages and words technical ones', () => {
    const errors = errorsFromFields({
      fields: [
        { path: 'windowStart', message: '与该老人的另一个预约时间重叠' },
        { path: 'windowEnd', message: 'Invalid' },
        { path: 'hospital', message: 'Required' },
        { nonsense: true },
      ],
    });
    expect(errors).toEqual({ window: '与该老人的另一个预约时间重叠', hospital: '陪诊请填写医院' });
    expect(firstStepWithError(errors)).toBe('when');
    expect(errorsFromFields(undefined)).toEqual({});
    expect(firstStepWithError({})).toBeUndefined();
  });
});

describe('choices', () => {
  it('choosing a service sets its usual length and drops a time that no longer fits', () => {
    const evening = { ...emptyBooking, day: '2026-11-25', time: '19:30', durationMinutes: 60 };
    const escortChosen = chooseService(evening, services[0]!, now);
    expect(escortChosen).toMatchObject({ serviceType: 'hospital_escort', durationMinutes: 180, time: null });
    const callChosen = chooseService(evening, services[2]!, now);
    expect(callChosen).toMatchObject({ serviceType: 'companion_call', durationMinutes: 30, time: '19:30' });
    // Choosing the same service again keeps a duration the family changed.
    expect(chooseService({ ...callChosen, durationMinutes: 60 }, services[2]!, now).durationMinutes).toBe(60);
  });

  it('keeps a time only while it is still offered for the day and duration', () => {
    const values = { ...filled, time: '18:00', durationMinutes: 180 };
    expect(keepFittingTime(values, now).time).toBe('18:00');
    expect(keepFittingTime({ ...values, durationMinutes: 240 }, now).time).toBeNull();
  });

  it('fills the pickup with the elder’s home unless another address was typed', () => {
    const first = chooseElder(emptyBooking, { id: 'elder-1', address: '赤岗路 1 号' });
    expect(first).toMatchObject({ elderId: 'elder-1', pickupAddress: '赤岗路 1 号' });
    const switched = chooseElder(
      first,
      { id: 'elder-2', address: '南石头街 9 号' },
      { address: '赤岗路 1 号' },
    );
    expect(switched.pickupAddress).toBe('南石头街 9 号');
    const typed = chooseElder(
      { ...first, pickupAddress: '女儿家' },
      { id: 'elder-2', address: '南石头街 9 号' },
      {
        address: '赤岗路 1 号',
      },
    );
    expect(typed.pickupAddress).toBe('女儿家');
    expect(chooseElder(emptyBooking, { id: 'elder-3', address: null }).pickupAddress).toBe('');
  });
});
