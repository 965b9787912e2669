import { createReportRequestSchema } from '@jiefang/contracts';
import { emptyFormValues, type ReportFormValues } from './draft';
import {
  compressionPlan,
  descriptionLength,
  fieldErrorsFromApi,
  photoProblem,
  validateReportForm,
} from './form';

const complete: ReportFormValues = {
  category: 'manhole_cover',
  description: '  井盖缺失，晚上很危险  ',
  address: '阅江西路 222 号',
  anonymous: true,
  location: { lat: 23.10661234567, lng: 113.32451234567, accuracy: 12.6, source: 'gps' },
};

describe('validateReportForm', () => {
  it('gives the report as JSON, which the contract schema accepts once photo ids are added', () => {
    const result = validateReportForm(complete, 2);
    expect(result).toEqual({
      ok: true,
      report: {
        category: 'manhole_cover',
        lat: 23.106612,
        lng: 113.324512,
        accuracy: 13,
        address: '阅江西路 222 号',
        description: '井盖缺失，晚上很危险',
        anonymous: true,
      },
    });
    if (!result.ok) return;
    const ids = ['0123456789abcdef01234567', '0123456789abcdef01234568'];
    expect(createReportRequestSchema.parse({ ...result.report, photoIds: ids })).toEqual({
      ...result.report,
      photoIds: ids,
    });
  });

  it('leaves accuracy out when the location has none and sends anonymous=false', () => {
    const result = validateReportForm(
      { ...complete, anonymous: false, location: { lat: 23.1, lng: 113.3, source: 'map', label: '广州塔' } },
      1,
    );
    expect(result.ok && Object.keys(result.report)).toEqual([
      'category',
      'lat',
      'lng',
      'address',
      'description',
      'anonymous',
    ]);
    expect(result.ok && result.report.anonymous).toBe(false);
  });

  it('asks for photos, a category and a location on an empty form', () => {
    expect(validateReportForm(emptyFormValues, 0)).toEqual({
      ok: false,
      errors: {
        photos: '请至少添加 1 张现场照片',
        category: '请选择问题类型',
        location: '请先定位，或在地图上选点、选择所在街道',
      },
    });
    expect(validateReportForm(complete, 10)).toEqual({ ok: false, errors: { photos: '最多添加 9 张照片' } });
  });

  it('uses the contract limits for description (500) and address (200)', () => {
    expect(validateReportForm({ ...complete, description: '坑'.repeat(500) }, 1).ok).toBe(true);
    expect(validateReportForm({ ...complete, description: '坑'.repeat(501) }, 1)).toEqual({
      ok: false,
      errors: { description: '描述不超过 500 个字' },
    });
    expect(validateReportForm({ ...complete, address: '路'.repeat(201) }, 1)).toEqual({
      ok: false,
      errors: { address: '地址不超过 200 个字' },
    });
  });

  it('refuses an impossible point', () => {
    const result = validateReportForm({ ...complete, location: { lat: 123, lng: 113, source: 'gps' } }, 1);
    expect(result).toEqual({ ok: false, errors: { location: '位置信息无效，请重新定位' } });
  });

  it('wants an address when only a street was chosen', () => {
    const street = { lat: 23.105, lng: 113.32, accuracy: 2300, source: 'street' as const, label: '赤岗街道' };
    expect(validateReportForm({ ...complete, address: ' ', location: street }, 1)).toEqual({
      ok: false,
      errors: { address: '只选了街道时，请填写详细地址，方便队员找到现场' },
    });
    expect(validateReportForm({ ...complete, location: street }, 1).ok).toBe(true);
  });
});

describe('descriptionLength', () => {
  it('counts as the schema does, after trimming', () => {
    expect(descriptionLength('  井盖  ')).toBe(2);
  });
});

describe('fieldErrorsFromApi', () => {
  it('maps 400 field paths to the form, keeping Chinese messages and replacing technical ones', () => {
    expect(
      fieldErrorsFromApi({
        status: 400,
        message: '请求参数不正确',
        details: {
          fields: [
            { path: 'lat', message: 'Too big: expected number to be <=90' },
            { path: 'description', message: '描述不超过 500 个字' },
            { path: 'photos', message: '1–9 photos' },
            { path: 'Idempotency-Key', message: 'Idempotency-Key: 8–128 letters' },
          ],
        },
      }),
    ).toEqual({
      location: '位置信息无效，请重新定位',
      description: '描述不超过 500 个字',
      photos: '请求参数不正确',
      form: '提交的内容有误，请检查后重试',
    });
  });

  it('puts 413/415 on the photos with the photo number', () => {
    expect(
      fieldErrorsFromApi({
        status: 415,
        message: '只支持 JPEG、PNG、WebP 格式的照片',
        details: { field: 'photos.0', detected: 'image/gif' },
      }),
    ).toEqual({ photos: '第 1 张照片：只支持 JPEG、PNG、WebP 格式的照片' });
  });

  it('shows anything else at the top of the form', () => {
    expect(
      fieldErrorsFromApi({ status: 422, message: '同一个 Idempotency-Key 不能用于不同的上报内容' }),
    ).toEqual({
      form: '同一个 Idempotency-Key 不能用于不同的上报内容',
    });
  });
});

describe('photoProblem', () => {
  it('accepts JPEG, PNG and WebP up to 10 MB', () => {
    expect(photoProblem({ size: 1, contentType: 'image/jpeg' })).toBeUndefined();
    expect(photoProblem({ size: 10 * 1024 * 1024, contentType: 'image/webp' })).toBeUndefined();
    expect(photoProblem({ size: 10 * 1024 * 1024 + 1, contentType: 'image/png' })).toBe(
      '单张照片不能超过 10 MB',
    );
    expect(photoProblem({ size: 100, contentType: 'image/gif' })).toBe('只支持 JPEG、PNG、WebP 格式的照片');
    expect(photoProblem({ size: 100, contentType: 'image/svg+xml' })).toBe(
      '只支持 JPEG、PNG、WebP 格式的照片',
    );
    expect(photoProblem({ size: 0, contentType: 'image/jpeg' })).toBe('照片文件是空的');
  });
});

describe('compressionPlan', () => {
  it('keeps small photos and shrinks large ones to 1600 px on the long edge', () => {
    expect(compressionPlan({ size: 300_000, width: 1200, height: 900 })).toBeNull();
    expect(compressionPlan({ size: 4_000_000, width: 4032, height: 3024 })).toEqual({
      width: 1600,
      height: 1200,
      quality: 0.82,
    });
    expect(compressionPlan({ size: 900_000, width: 1000, height: 1500 })).toEqual({
      width: 1000,
      height: 1500,
      quality: 0.82,
    });
    expect(compressionPlan({ size: 100, width: 0, height: 0 })).toBeNull();
  });
});
