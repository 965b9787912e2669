// Demo data for the volunteer escorts, through the BFF's own API: elders in 赤岗 registered by its community
// worker, 志愿者小陈 registered and verified, and a few bookings for tomorrow. Skipped when elders exist.
import { bffApi } from './bffApi';

/** Tomorrow at a Beijing wall-clock time, as ISO 8601 with +08:00. */
function tomorrowAt(hhmm: string, now = new Date()): string {
  const beijing = new Date(now.getTime() + 8 * 3600_000 + 24 * 3600_000);
  return `${beijing.toISOString().slice(0, 10)}T${hhmm}:00+08:00`;
}

export async function seedDemoEscorts(options: {
  baseUrl: string;
  password: string;
  devLogin: boolean;
}): Promise<string> {
  const base = options.baseUrl;
  const worker = await bffApi<{ token: string }>(base, 'POST', '/api/auth/login', null, {
    username: 'chigang-worker',
    password: options.password,
  });
  if (worker.status !== 200) return 'escorts: demo worker could not sign in';
  const token = worker.body.token;
  const existing = await bffApi<{ items: unknown[] }>(base, 'GET', '/api/elders', token);
  if (existing.body.items?.length) return `escorts: ${existing.body.items.length} elders already there`;

  const elders = [
    {
      name: '陈伯',
      phone: '13812345678',
      address: '赤岗北路 3 号 201',
      lat: 23.1066,
      lng: 113.3245,
      needs: ['wheelchair'],
    },
    {
      name: '李婆婆',
      phone: '020-81234567',
      address: '赤岗路 9 号 502',
      lat: 23.1075,
      lng: 113.3255,
      needs: ['cantonese_only'],
    },
    {
      name: '黄姨',
      phone: '13900002222',
      address: '广州塔南广场旁 12 号',
      lat: 23.1058,
      lng: 113.3238,
      needs: [],
    },
  ];
  const ids: string[] = [];
  for (const elder of elders) {
    const created = await bffApi<{ id: string }>(base, 'POST', '/api/elders', token, {
      ...elder,
      emergencyContacts: [{ name: `${elder.name}的家属`, phone: '13700003333', relation: '子女' }],
    });
    if (created.status === 201) ids.push(created.body.id);
  }
  if (options.devLogin) {
    const volunteer = await bffApi<{ token: string; user: { id: string } }>(
      base,
      'POST',
      '/api/auth/dev-login',
      null,
      { role: 'volunteer', name: '志愿者小陈' },
    );
    await bffApi(base, 'POST', '/api/volunteers/me', volunteer.body.token, {
      realName: '陈晓',
      phone: '13600004444',
      skills: ['wheelchair', 'cantonese', 'first_aid'],
      serviceArea: { street: '赤岗街道', lat: 23.1066, lng: 113.3245, radiusKm: 3 },
      availability: Array.from({ length: 7 }, (_, weekday) => ({ weekday, start: '08:00', end: '20:00' })),
    });
    await bffApi(base, 'POST', `/api/volunteers/${volunteer.body.user.id}/verify`, token);
  }
  const bookings = [
    {
      elderId: ids[0],
      serviceType: 'hospital_escort',
      windowStart: tomorrowAt('09:00'),
      windowEnd: tomorrowAt('12:00'),
      hospital: '中山大学孙逸仙纪念医院',
      department: '心内科',
      destination: '沿江西路 107 号',
    },
    {
      elderId: ids[1],
      serviceType: 'medicine_pickup',
      windowStart: tomorrowAt('14:00'),
      windowEnd: tomorrowAt('15:30'),
      destination: '赤岗社区卫生服务中心',
    },
    {
      elderId: ids[2],
      serviceType: 'companion_call',
      windowStart: tomorrowAt('19:00'),
      windowEnd: tomorrowAt('19:30'),
    },
  ];
  let booked = 0;
  for (const booking of bookings) {
    if (booking.elderId && (await bffApi(base, 'POST', '/api/escorts', token, booking)).status === 201)
      booked += 1;
  }
  return `escorts: ${ids.length} elders, ${booked} bookings for tomorrow`;
}
