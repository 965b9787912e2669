/**
 * The name the BFF gave the export (`Content-Disposition: attachment; filename="…"`), or a default when
 * the header is missing or odd (the name is only ever letters, digits, dots and dashes).
 */
export function exportFileName(
  contentDisposition: string | null | undefined,
  fallback = 'jiefang-my-data.json',
) {
  const name = /filename="?([A-Za-z0-9._-]+)"?/.exec(contentDisposition ?? '')?.[1];
  return name && name.endsWith('.json') ? name : fallback;
}

/** A header value whatever its case (Taro's downloadFile and fetch give headers differently). */
export function headerOf(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return typeof found?.[1] === 'string' ? found[1] : undefined;
}
