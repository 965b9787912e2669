import Taro from '@tarojs/taro';
import { createPersonalDataApi, personalDataExportTarget } from '../../api/personalData';
import { ApiError } from '../../api/client';
import { apiBaseUrl, apiClient, backToLogin, session } from '../../services';
import { t } from '../../i18n';
import { exportFileName, headerOf } from './exportFile';

export const personalDataApi = createPersonalDataApi(apiClient);

/** What an export did: downloaded (H5) or ready to share to a chat (mini-program). */
export type ExportOutcome = 'downloaded' | 'shared';

const failed = (status: number) =>
  new ApiError(status === 401 ? 'unauthenticated' : 'internal', t('error.unknown'), status);

/** In the browser: fetched with the token and saved through a link with `download`. */
async function downloadInBrowser(url: string, token: string): Promise<ExportOutcome> {
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw failed(response.status);
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = exportFileName(response.headers.get('Content-Disposition'));
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return 'downloaded';
}

/** In WeChat: downloaded to a temporary file, then offered to send to a chat (文件传输助手 keeps it). */
async function downloadInWechat(url: string, token: string): Promise<ExportOutcome> {
  const downloaded = await Taro.downloadFile({ url, header: { Authorization: `Bearer ${token}` } });
  if (downloaded.statusCode !== 200) throw failed(downloaded.statusCode);
  const fileName = exportFileName(
    headerOf((downloaded as { header?: Record<string, unknown> }).header, 'Content-Disposition'),
  );
  await Taro.shareFileMessage({ filePath: downloaded.tempFilePath, fileName });
  return 'shared';
}

/** GET /api/me/data/export saved the platform's way; a rejected token ends the session as elsewhere. */
export async function exportPersonalData(): Promise<ExportOutcome> {
  const token = session.current()?.token ?? '';
  const url = `${apiBaseUrl}${personalDataExportTarget().path}`;
  try {
    return process.env.TARO_ENV === 'h5'
      ? await downloadInBrowser(url, token)
      : await downloadInWechat(url, token);
  } catch (error) {
    if (error instanceof ApiError && error.isAuthFailure) backToLogin();
    throw error;
  }
}
