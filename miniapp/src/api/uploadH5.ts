import { readH5Photo } from '../features/report/photosH5';
import { parseResponseBody, uploadTimeoutMs, type PhotoUploader } from './upload';

/** H5: the photo goes in a FormData sent with XMLHttpRequest, whose `upload.onprogress` gives byte progress. */
export const h5PhotoUploader: PhotoUploader = async (request) => {
  const form = new FormData();
  form.append('photos', await readH5Photo(request.photo.ref), request.photo.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', request.url);
    xhr.timeout = uploadTimeoutMs;
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) =>
      request.onProgress(event.loaded, event.lengthComputable ? event.total : 0);
    xhr.onload = () => resolve({ status: xhr.status, body: parseResponseBody(xhr.responseText) });
    xhr.onerror = () => reject(new Error('network error'));
    xhr.ontimeout = () => reject(new Error('timeout'));
    xhr.onabort = () => reject(new Error('aborted'));
    request.onProgress(0, 0);
    xhr.send(form);
  });
};
