import { describe, expect, it } from 'vitest';
import { beijingClock, beijingDate, beijingIso } from '@jiefang/contracts';
import {
  asksPlaces,
  bookingFieldOf,
  buildEscortRequest,
  initialBookingValues,
  suggestedEnd,
  type BookingFormValues,
} from './bookingForm';
import { addMinutes } from './wallClock';

// 00:30 on the 24th in Beijing is still the 23rd in UTC.
const now = Date.parse('2030-11-24T00:30:00+08:00');

const valid: BookingFormValues = {
  elderId: 'E-1',
  serviceType: 'hospital_escort',
  date: '2030-11-25',
  startTime: '09:00',
  endTime: '11:30',
  hospital: ' 孙逸仙纪念医院 ',
  department: '心内科',
  pickupAddress: '江南中街 12 号',
  destination: '',
  notes: '  带医保卡 ',
};

describe('Beijing time', () => {
  it('reads the Beijing day and clock of an instant, whatever the computer’s zone', () => {
    expect(beijingDate(now)).toBe('2030-11-24');
    expect(new Date(now).toISOString().slice(0, 10)).toBe('2030-11-23');
    expect(beijingClock(Date.parse('2030-11-24T01:05:00Z'))).toBe('09:05');
  });

  it('writes a Beijing date and time as ISO 8601 with +08:00', () => {
    const iso = beijingIso('2030-11-25', '09:00');
    expect(iso).toBe('2030-11-25T09:00:00+08:00');
    expect(new Date(iso).toISOString()).toBe('2030-11-25T01:00:00.000Z');
  });

  it('adds minutes within the day', () => {
    expect(addMinutes('09:00', 150)).toBe('11:30');
    expect(addMinutes('23:30', 60)).toBeNull();
    expect(addMinutes('9:00', 10)).toBeNull();
  });
});

describe('buildEscortRequest', () => {
  it('maps the form to the contract’s request: +08:00 times, trimmed text, hospital fields for 陪诊', () => {
    const built = buildEscortRequest(valid, now);
    expect(built).toEqual({
      ok: true,
      request: {
        elderId: 'E-1',
        serviceType: 'hospital_escort',
        windowStart: '2030-11-25T09:00:00+08:00',
        windowEnd: '2030-11-25T11:30:00+08:00',
        pickupAddress: '江南中街 12 号',
        hospital: '孙逸仙纪念医院',
        department: '心内科',
        notes: '带医保卡',
      },
    });
  });

  it('leaves out what the service does not use: no hospital for 代取药, no addresses for 电话陪聊', () => {
    const pickup = buildEscortRequest(
      { ...valid, serviceType: 'medicine_pickup', destination: '大药房' },
      now,
    );
    expect(pickup.ok && pickup.request).toMatchObject({
      destination: '大药房',
      pickupAddress: '江南中街 12 号',
    });
    expect(pickup.ok && 'hospital' in pickup.request && pickup.request.hospital).toBeFalsy();

    const call = buildEscortRequest({ ...valid, serviceType: 'companion_call' }, now);
    expect(call.ok).toBe(true);
    if (call.ok) {
      expect(call.request.pickupAddress).toBeUndefined();
      expect(call.request.hospital).toBeUndefined();
      expect(call.request.notes).toBe('带医保卡');
    }
    // The BFF's service list decides what is in person when it has arrived.
    expect(
      asksPlaces('companion_call', [
        { type: 'companion_call', name: '电话陪聊', defaultMinutes: 30, inPerson: true },
      ]),
    ).toBe(true);
  });

  it('says what is missing, per field, in Chinese', () => {
    const built = buildEscortRequest({ serviceType: 'hospital_escort' }, now);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.issues.fields).toEqual({
      elderId: ['请选择长者'],
      date: ['请选择日期'],
      startTime: ['请填写开始时间'],
      endTime: ['请填写结束时间'],
      hospital: ['陪诊请填写医院'],
    });
    expect(built.issues.general).toEqual([]);
  });

  it('keeps the window in the future, in order and within 07:00–21:00', () => {
    const past = buildEscortRequest({ ...valid, date: '2030-11-23' }, now);
    expect(!past.ok && past.issues.fields.startTime).toEqual(['开始时间已过，请重新选择']);

    const backwards = buildEscortRequest({ ...valid, startTime: '11:00', endTime: '10:00' }, now);
    expect(!backwards.ok && backwards.issues.fields.endTime).toEqual(['结束时间必须晚于开始时间']);

    const early = buildEscortRequest({ ...valid, startTime: '06:30', endTime: '21:30' }, now);
    expect(!early.ok && early.issues.fields).toEqual({
      startTime: ['服务时间为每天 07:00–21:00'],
      endTime: ['服务时间为每天 07:00–21:00'],
    });

    const edges = buildEscortRequest({ ...valid, startTime: '07:00', endTime: '21:00' }, now);
    expect(edges.ok).toBe(true);
  });

  it('says too-long text in Chinese', () => {
    const built = buildEscortRequest({ ...valid, department: '科'.repeat(41) }, now);
    expect(!built.ok && built.issues.fields.department).toEqual(['最多 40 个字']);
  });
});

describe('booking form helpers', () => {
  it('maps request paths onto the form: the window’s ends under their times', () => {
    expect(bookingFieldOf('windowStart')).toBe('startTime');
    expect(bookingFieldOf('windowEnd')).toBe('endTime');
    expect(bookingFieldOf('hospital')).toBe('hospital');
    expect(bookingFieldOf('(body)')).toBeNull();
    expect(bookingFieldOf('volunteerId')).toBeNull();
  });

  it('suggests an end from the service’s usual length, never past 21:00', () => {
    expect(suggestedEnd('09:00', 120)).toBe('11:00');
    expect(suggestedEnd('20:00', 120)).toBe('21:00');
    expect(suggestedEnd('21:30', 30)).toBeUndefined();
    expect(suggestedEnd(undefined, 30)).toBeUndefined();
  });

  it('starts a form tomorrow in Beijing at 09:00', () => {
    expect(initialBookingValues(now, 'E-1', 90)).toEqual({
      elderId: 'E-1',
      serviceType: 'hospital_escort',
      date: '2030-11-25',
      startTime: '09:00',
      endTime: '10:30',
    });
  });
});
