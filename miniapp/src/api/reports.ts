import {
  categoryListSchema,
  districtMapSchema,
  photoRefSchema,
  reportSubmissionSchema,
  ticketListSchema,
  ticketSchema,
  type Category,
  type CreateReportRequest,
  type DistrictMap,
  type PhotoRef,
  type RateRequest,
  type ReportSubmission,
  type Ticket,
  type TicketList,
} from '@jiefang/contracts';
import { t } from '../i18n';
import { PhotoUnavailableError } from '../features/report/submission';
import { ApiError, joinUrl, toApiError, type ApiClient, type HttpResponse } from './client';
import { contractRoute } from './contractRoute';
import type { PhotoUploader, UploadPhoto } from './upload';

const routes = {
  categories: contractRoute('GET', '/api/categories'),
  district: contractRoute('GET', '/api/district'),
  list: contractRoute('GET', '/api/reports'),
  get: contractRoute('GET', '/api/reports/:id'),
  confirm: contractRoute('POST', '/api/reports/:id/confirm'),
  reopen: contractRoute('POST', '/api/reports/:id/reopen'),
  rate: contractRoute('POST', '/api/reports/:id/rate'),
  submit: contractRoute('POST', '/api/reports'),
  uploadPhoto: contractRoute('POST', '/api/photos'),
};

export interface ReportsApiOptions {
  client: ApiClient;
  baseUrl: string;
  photoUploader: PhotoUploader;
  getToken: () => string | undefined;
  onAuthFailure?: (error: ApiError) => void;
}

export interface ReportsApi {
  categories(): Promise<Category[]>;
  district(): Promise<DistrictMap>;
  mine(options?: { offset?: number; limit?: number }): Promise<TicketList>;
  get(id: string): Promise<Ticket>;
  confirm(id: string): Promise<Ticket>;
  reopen(id: string, reason: string): Promise<Ticket>;
  rate(id: string, rating: RateRequest): Promise<Ticket>;
  /** POST /api/photos with one photo; rejects with an ApiError (or PhotoUnavailableError). */
  uploadPhoto(photo: UploadPhoto, onProgress: (sent: number, total: number) => void): Promise<PhotoRef>;
  /** POST /api/reports as JSON naming uploaded photos; rejects with an ApiError. */
  submit(report: CreateReportRequest, idempotencyKey: string): Promise<ReportSubmission>;
  /** A photo's signed path made absolute for the mini-program (same-origin in H5). */
  photoUrl(path: string): string;
}

export function createReportsApi(options: ReportsApiOptions): ReportsApi {
  const { client } = options;
  return {
    categories: async () => (await client.send(routes.categories.to(), categoryListSchema)).items,
    district: () => client.send(routes.district.to(), districtMapSchema),
    mine: ({ offset = 0, limit = 20 } = {}) =>
      client.send(routes.list.to({}, { mine: 1, limit, offset }), ticketListSchema),
    get: (id) => client.send(routes.get.to({ id }), ticketSchema),
    confirm: (id) => client.send(routes.confirm.to({ id }), ticketSchema),
    reopen: (id, reason) => client.send(routes.reopen.to({ id }), ticketSchema, { reason }),
    rate: (id, rating) => client.send(routes.rate.to({ id }), ticketSchema, rating),

    async uploadPhoto(photo, onProgress) {
      const token = options.getToken();
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (token) headers.Authorization = `Bearer ${token}`;
      let response: HttpResponse;
      try {
        response = await options.photoUploader({
          url: joinUrl(options.baseUrl, routes.uploadPhoto.to().path),
          headers,
          photo,
          onProgress,
        });
      } catch (error) {
        if (error instanceof PhotoUnavailableError) throw error;
        throw new ApiError('network', t('error.network'), 0);
      }
      if (response.status < 200 || response.status >= 300) {
        const error = toApiError(response);
        if (error.isAuthFailure && token) options.onAuthFailure?.(error);
        throw error;
      }
      const parsed = photoRefSchema.safeParse(response.body);
      if (!parsed.success) throw new ApiError('bad_response', t('error.badResponse'), response.status);
      return parsed.data;
    },

    submit: (report, idempotencyKey) =>
      client.send(routes.submit.to(), reportSubmissionSchema, report, { 'Idempotency-Key': idempotencyKey }),

    photoUrl: (path) => (/^https?:\/\//.test(path) ? path : joinUrl(options.baseUrl, path)),
  };
}
