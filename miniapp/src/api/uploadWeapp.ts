import Taro from '@tarojs/taro';
import { buildMultipartBody, makeBoundary } from '../features/report/multipart';
import { PhotoUnavailableError } from '../features/report/submission';
import { uploadTimeoutMs, type Uploader } from './upload';

function readFile(path: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: path,
      success: (result) => {
        const data = result.data as unknown;
        if (data instanceof ArrayBuffer) resolve(data);
        else reject(new PhotoUnavailableError(`not binary: ${path}`));
      },
      fail: (error) => reject(new PhotoUnavailableError(error.errMsg)),
    });
  });
}

/**
 * Mini-program: `Taro.uploadFile` carries one file per request, so every photo is read as an ArrayBuffer
 * and one multipart body is built by hand and sent with `Taro.request`. There is no byte progress for a
 * request, so progress is staged: reading files (n of m) → uploading → processing.
 */
export const weappUploader: Uploader = async (request) => {
  const files = [];
  request.onProgress({ stage: 'reading', filesRead: 0, files: request.photos.length });
  for (const [index, photo] of request.photos.entries()) {
    files.push({
      field: 'photos',
      filename: photo.name,
      contentType: photo.contentType,
      data: await readFile(photo.ref),
    });
    request.onProgress({ stage: 'reading', filesRead: index + 1, files: request.photos.length });
  }
  let built;
  for (let attempt = 0; ; attempt += 1) {
    try {
      built = buildMultipartBody({ boundary: makeBoundary(), fields: request.fields, files });
      break;
    } catch (error) {
      // The boundary happened to occur in a photo: a new random one will not.
      if (attempt >= 3) throw error;
    }
  }
  request.onProgress({ stage: 'uploading', sent: 0, total: built.body.byteLength });
  const response = await Taro.request<unknown, ArrayBuffer>({
    url: request.url,
    method: 'POST',
    header: { ...request.headers, 'content-type': built.contentType },
    data: built.body,
    dataType: 'json',
    responseType: 'text',
    timeout: uploadTimeoutMs,
  });
  request.onProgress({ stage: 'processing' });
  return { status: response.statusCode, body: response.data };
};
