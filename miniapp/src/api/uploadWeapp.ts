import Taro from '@tarojs/taro';
import { weappPhotoExists } from '../features/report/photosWeapp';
import { PhotoUnavailableError } from '../features/report/submission';
import { parseResponseBody, uploadTimeoutMs, type PhotoUploader } from './upload';

/** Mini-program: `Taro.uploadFile` sends the kept file itself and reports byte progress through its task. */
export const weappPhotoUploader: PhotoUploader = (request) => {
  // uploadFile's failure does not tell a missing file from a lost connection: look for the file first.
  if (!weappPhotoExists(request.photo.ref))
    return Promise.reject(new PhotoUnavailableError(`missing: ${request.photo.ref}`));
  return new Promise((resolve, reject) => {
    const task = Taro.uploadFile({
      url: request.url,
      filePath: request.photo.ref,
      name: 'photos',
      header: request.headers,
      timeout: uploadTimeoutMs,
      success: (result) => resolve({ status: result.statusCode, body: parseResponseBody(result.data) }),
      fail: (error) => reject(new Error(error.errMsg)),
    });
    request.onProgress(0, 0);
    task.onProgressUpdate(({ totalBytesSent, totalBytesExpectedToSend }) =>
      request.onProgress(totalBytesSent, totalBytesExpectedToSend),
    );
  });
};
