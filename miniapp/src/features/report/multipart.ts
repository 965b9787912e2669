/**
 * A multipart/form-data body built by hand, for the mini-program: `Taro.uploadFile` sends one file per
 * request, but POST /api/reports takes all photos in one request, so the body is assembled here as one
 * ArrayBuffer and sent with `Taro.request`. Pure (no Taro, no TextEncoder, which older WeChat clients lack).
 */

export interface MultipartFile {
  /** The form field, e.g. `photos` (repeated for several files). */
  field: string;
  filename: string;
  contentType: string;
  data: ArrayBuffer | Uint8Array;
}

export interface MultipartInput {
  fields: ReadonlyArray<readonly [string, string]>;
  files: readonly MultipartFile[];
  boundary: string;
}

export interface MultipartBody {
  body: ArrayBuffer;
  contentType: string;
}

/** UTF-8 bytes of a string (surrogate pairs joined; a lone surrogate becomes U+FFFD, like TextEncoder). */
export function utf8Encode(text: string): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i += 1;
      } else {
        code = 0xfffd;
      }
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      code = 0xfffd;
    }
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000)
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 0x3f),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f),
      );
  }
  return Uint8Array.from(bytes);
}

const boundaryAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A boundary such as `----JiefangForm1a2B…`: 24 random characters from [A-Za-z0-9]. */
export function makeBoundary(random: () => number = Math.random): string {
  let suffix = '';
  for (let i = 0; i < 24; i += 1) suffix += boundaryAlphabet[Math.floor(random() * boundaryAlphabet.length)];
  return `----JiefangForm${suffix}`;
}

/** Quotes a name for Content-Disposition: CR, LF and `"` are percent-encoded, as browsers do. */
export function quoteHeaderValue(value: string): string {
  return value.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    for (let j = 0; j < needle.length; j += 1) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Builds the body: one part per text field, then one per file, each `--boundary\r\n` + headers + `\r\n\r\n`
 * + content + `\r\n`, closed by `--boundary--\r\n` (RFC 7578). Throws if the boundary occurs in the content.
 */
export function buildMultipartBody(input: MultipartInput): MultipartBody {
  const { boundary } = input;
  if (!/^[A-Za-z0-9'()+_,./:=?-]{1,70}$/.test(boundary)) throw new Error(`invalid boundary: ${boundary}`);
  const delimiter = utf8Encode(`--${boundary}`);
  const chunks: Uint8Array[] = [];
  const push = (chunk: Uint8Array) => chunks.push(chunk);
  const pushText = (text: string) => push(utf8Encode(text));
  const pushContent = (content: Uint8Array) => {
    if (contains(content, delimiter)) throw new Error('the multipart boundary occurs in the content');
    push(content);
  };

  for (const [name, value] of input.fields) {
    pushText(`--${boundary}\r\nContent-Disposition: form-data; name="${quoteHeaderValue(name)}"\r\n\r\n`);
    pushContent(utf8Encode(value));
    pushText('\r\n');
  }
  for (const file of input.files) {
    pushText(
      `--${boundary}\r\nContent-Disposition: form-data; name="${quoteHeaderValue(file.field)}"; ` +
        `filename="${quoteHeaderValue(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
    );
    pushContent(file.data instanceof Uint8Array ? file.data : new Uint8Array(file.data));
    pushText('\r\n');
  }
  pushText(`--${boundary}--\r\n`);

  const length = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return { body: body.buffer, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The content type of a photo from its file name (the BFF sniffs the bytes anyway). */
export function imageContentType(filename: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  if (ext === 'png') return 'image/png';
  if (ext === 'webp') return 'image/webp';
  return 'image/jpeg';
}
