/** Pure: no services, so page models that use it stay testable without a DOM. */

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A workbook the BFF sent base64 in an import's answer (passwords, secrets) as a file to save. */
export function workbookBlob(base64: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return new Blob([bytes], { type: xlsxType });
}
