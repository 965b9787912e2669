import Taro from '@tarojs/taro';
import { ApiError } from '../../api/client';
import { createReportsApi } from '../../api/reports';
import { h5PhotoUploader } from '../../api/uploadH5';
import { weappPhotoUploader } from '../../api/uploadWeapp';
import { t } from '../../i18n';
import { apiBaseUrl, apiClient, backToLogin, session, taroStore } from '../../services';
import { createDraftStore, type DraftPhoto } from './draft';
import { validateReportForm } from './form';
import { persistH5Photos, removeH5Photos, restoreH5Photos } from './photosH5';
import { persistWeappPhotos, removeWeappPhotos, weappPhotoExists } from './photosWeapp';
import { createSubmitter } from './submission';

const isH5 = process.env.TARO_ENV === 'h5';

export const reportsApi = createReportsApi({
  client: apiClient,
  baseUrl: apiBaseUrl,
  photoUploader: isH5 ? h5PhotoUploader : weappPhotoUploader,
  getToken: () => session.current()?.token,
  onAuthFailure: backToLogin,
});

export const reportDrafts = createDraftStore(taroStore);

export const reportSubmitter = createSubmitter({
  drafts: reportDrafts,
  reportOf: (draft) => {
    const checked = validateReportForm(draft.values, draft.photos.length);
    if (checked.ok) return checked.report;
    const fields = Object.entries(checked.errors).map(([path, message]) => ({ path, message }));
    throw new ApiError('validation_failed', t('report.draft.invalid'), 400, { fields });
  },
  uploadPhoto: async (photo, onProgress) => (await reportsApi.uploadPhoto(photo, onProgress)).id,
  sendReport: (report, idempotencyKey) => reportsApi.submit(report, idempotencyKey),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => new Date(),
});

export type ShownPhoto = DraftPhoto & { url: string | undefined };

/** Where each platform keeps a draft's photos, so that a retry after a restart sends the same bytes. */
export const draftPhotos = {
  async persist(photos: DraftPhoto[], key: string): Promise<DraftPhoto[]> {
    if (isH5) {
      await persistH5Photos(photos);
      return photos;
    }
    return persistWeappPhotos(photos, key);
  },
  async restore(photos: DraftPhoto[]): Promise<ShownPhoto[]> {
    if (isH5) return restoreH5Photos(photos);
    return photos.map((photo) => ({ ...photo, url: weappPhotoExists(photo.ref) ? photo.ref : undefined }));
  },
  async remove(refs: string[]): Promise<void> {
    if (isH5) await removeH5Photos(refs);
    else removeWeappPhotos(refs);
  },
};

/** Opens the full-screen viewer (tap a photo to enlarge). */
export function previewPhotos(urls: string[], current: number): void {
  if (urls.length === 0) return;
  void Taro.previewImage({ urls, current: urls[current] ?? urls[0] });
}
