import type { Volunteer } from '@jiefang/contracts';
import {
  availabilityToChoices,
  buildAvailability,
  elderErrorsFromFields,
  emptyElderForm,
  emptyVolunteerForm,
  slotLabel,
  toggle,
  validateElderForm,
  validateVolunteerForm,
  volunteerErrorsFromFields,
  volunteerToForm,
} from './forms';
import { weekdayLabel } from './time';

describe('buildAvailability', () => {
  it('makes one slot per chosen day and run of adjacent parts of the day', () => {
    expect(buildAvailability([1, 3], ['morning'])).toEqual([
      { weekday: 1, start: '07:00', end: '12:00' },
      { weekday: 3, start: '07:00', end: '12:00' },
    ]);
    expect(buildAvailability([6], ['afternoon', 'morning'])).toEqual([
      { weekday: 6, start: '07:00', end: '18:00' },
    ]);
    expect(buildAvailability([0], ['morning', 'evening'])).toEqual([
      { weekday: 0, start: '07:00', end: '12:00' },
      { weekday: 0, start: '18:00', end: '21:00' },
    ]);
    expect(buildAvailability([5, 1, 5, 9], ['evening'])).toEqual([
      { weekday: 1, start: '18:00', end: '21:00' },
      { weekday: 5, start: '18:00', end: '21:00' },
    ]);
    expect(buildAvailability([1], [])).toEqual([]);
  });

  it('reads the choices back from saved slots', () => {
    expect(
      availabilityToChoices([
        { weekday: 3, start: '07:00', end: '18:00' },
        { weekday: 1, start: '19:00', end: '20:00' },
      ]),
    ).toEqual({ weekdays: [1, 3], periods: ['morning', 'afternoon', 'evening'] });
    expect(slotLabel({ weekday: 1, start: '07:00', end: '12:00' }, weekdayLabel)).toBe('周一 07:00–12:00');
  });

  it('toggles chips', () => {
    expect(toggle([1, 2], 2)).toEqual([1]);
    expect(toggle([1], 2)).toEqual([1, 2]);
  });
});

describe('validateVolunteerForm', () => {
  const values = {
    ...emptyVolunteerForm,
    realName: '李志愿',
    phone: '139 1234 5678',
    skills: ['wheelchair' as const, 'cantonese' as const, 'wheelchair' as const],
    streetId: 'chigang',
    centre: { lat: 23.10661234567, lng: 113.3245, source: 'street' as const },
    radiusKm: 5,
    weekdays: [6, 0],
    periods: ['morning' as const],
  };

  it('builds the contract’s request, with the street by id', () => {
    expect(validateVolunteerForm(values)).toEqual({
      ok: true,
      request: {
        realName: '李志愿',
        phone: '13912345678',
        skills: ['wheelchair', 'cantonese'],
        serviceArea: { street: 'chigang', lat: 23.106612, lng: 113.3245, radiusKm: 5 },
        availability: [
          { weekday: 0, start: '07:00', end: '12:00' },
          { weekday: 6, start: '07:00', end: '12:00' },
        ],
      },
    });
  });

  it('says what is missing, in Chinese', () => {
    const checked = validateVolunteerForm(emptyVolunteerForm);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.errors).toEqual({
        realName: '请填写真实姓名',
        phone: '请填写 11 位手机号',
        street: '请选择服务的街道',
        weekdays: '请选择星期几有空',
        periods: '请选择有空的时段',
      });
    }
    const landline = validateVolunteerForm({ ...values, phone: '020-84561234' });
    expect(!landline.ok && landline.errors.phone).toBe('请填写 11 位手机号');
  });

  it('maps the BFF’s field errors', () => {
    expect(
      volunteerErrorsFromFields({
        fields: [
          { path: 'serviceArea.radiusKm', message: 'Too big' },
          { path: 'serviceArea.street', message: '未知的街道' },
          { path: 'availability.0.end', message: '结束时间必须晚于开始时间' },
        ],
      }),
    ).toEqual({
      radiusKm: '服务范围为 0.5 到 20 公里',
      street: '未知的街道',
      availability: '结束时间必须晚于开始时间',
    });
  });

  it('fills the form from a saved registration (a masked phone must be typed again)', () => {
    const volunteer: Volunteer = {
      id: 'vol-1',
      realName: '李志愿',
      phone: '139****5678',
      skills: ['first_aid'],
      serviceArea: { streetId: 'chigang', lat: 23.1, lng: 113.3, radiusKm: 3 },
      availability: [{ weekday: 2, start: '12:00', end: '18:00' }],
      verified: true,
      verifiedAt: '2026-11-20T10:00:00+08:00',
    };
    expect(volunteerToForm(volunteer)).toEqual({
      realName: '李志愿',
      phone: '',
      skills: ['first_aid'],
      streetId: 'chigang',
      centre: { lat: 23.1, lng: 113.3, source: 'street' },
      radiusKm: 3,
      weekdays: [2],
      periods: ['afternoon'],
    });
  });
});

describe('validateElderForm', () => {
  it('needs a name, a phone (mobile or landline), an address and the home’s point', () => {
    const checked = validateElderForm(emptyElderForm);
    expect(checked.ok).toBe(false);
    if (!checked.ok) {
      expect(checked.errors).toEqual({
        name: '请填写姓名',
        phone: '请填写手机号或带区号的座机号',
        address: '请填写住址',
        location: '请确定住址在地图上的位置',
      });
    }
  });

  it('builds the contract’s request', () => {
    const checked = validateElderForm({
      name: ' 陈伯 ',
      phone: '020-8456 1234',
      address: '江南中街道 12 号 3 楼',
      location: { lat: 23.108, lng: 113.27, source: 'gps' },
      needs: ['wheelchair', 'cantonese_only', 'wheelchair'],
    });
    expect(checked).toEqual({
      ok: true,
      request: {
        name: '陈伯',
        phone: '020-84561234',
        address: '江南中街道 12 号 3 楼',
        lat: 23.108,
        lng: 113.27,
        needs: ['wheelchair', 'cantonese_only'],
        emergencyContacts: [],
        familyUserIds: [],
      },
    });
  });

  it('maps the BFF’s field errors', () => {
    expect(
      elderErrorsFromFields({
        fields: [
          { path: 'lat', message: 'Too small' },
          { path: 'name', message: '姓名太长' },
        ],
      }),
    ).toEqual({ location: '请确定住址在地图上的位置', name: '姓名太长' });
  });
});
