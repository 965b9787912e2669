import { readH5Photo } from '../features/report/photosH5';
import { parseResponseBody, uploadTimeoutMs, type Uploader } from './upload';

/**
 * H5: the photos go in a FormData sent with XMLHttpRequest, whose `upload.onprogress` gives real byte
 * progress; once the last byte is sent, the BFF is still processing the photos.
 */
export const h5Uploader: Uploader = async (request) => {
  const form = new FormData();
  for (const [name, value] of request.fields) form.append(name, value);
  request.onProgress({ stage: 'reading', filesRead: 0, files: request.photos.length });
  for (const [index, photo] of request.photos.entries()) {
    form.append('photos', await readH5Photo(photo.ref), photo.name);
    request.onProgress({ stage: 'reading', filesRead: index + 1, files: request.photos.length });
  }
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', request.url);
    xhr.timeout = uploadTimeoutMs;
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable)
        request.onProgress({ stage: 'uploading', sent: event.loaded, total: event.total });
    };
    xhr.upload.onload = () => request.onProgress({ stage: 'processing' });
    xhr.onload = () => resolve({ status: xhr.status, body: parseResponseBody(xhr.responseText) });
    xhr.onerror = () => reject(new Error('network error'));
    xhr.ontimeout = () => reject(new Error('timeout'));
    xhr.onabort = () => reject(new Error('aborted'));
    request.onProgress({ stage: 'uploading', sent: 0, total: 1 });
    xhr.send(form);
  });
};
