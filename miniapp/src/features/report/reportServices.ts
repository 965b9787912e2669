import Taro from '@tarojs/taro';
import { ApiError } from '../../api/client';
import { createReportsApi } from '../../api/reports';
import { h5Uploader } from '../../api/uploadH5';
import { weappUploader } from '../../api/uploadWeapp';
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
  uploader: isH5 ? h5Uploader : weappUploader,
  getToken: () => session.current()?.token,
  onAuthFailure: backToLogin,
});

export const reportDrafts = createDraftStore(taroStore);

export const reportSubmitter = createSubmitter({
  drafts: reportDrafts,
  send: (draft, onProgress) => {
    const checked = validateReportForm(draft.values, draft.photos.length);
    if (!checked.ok) {
      const fields = Object.entries(checked.errors).map(([path, message]) => ({ path, message }));
      return Promise.reject(new ApiError('validation_failed', t('report.draft.invalid'), 400, { fields }));
    }
    return reportsApi.submit(
      { idempotencyKey: draft.idempotencyKey, fields: checked.fields, photos: draft.photos },
      onProgress,
    );
  },
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
