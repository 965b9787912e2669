/** The largest sheet the BFF takes in one request (its body limit, base64 included). */
export const maxImportFileBytes = 70 * 1024;

/** An uploaded file's bytes as base64, for the JSON body of POST /api/households/import. */
export function bytesToBase64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  let binary = '';
  // In slices: String.fromCharCode with a whole file's bytes overflows the call stack.
  for (let start = 0; start < view.length; start += 0x8000)
    binary += String.fromCharCode(...view.subarray(start, start + 0x8000));
  return btoa(binary);
}
