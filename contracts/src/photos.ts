/** What a photo upload may be, for the BFF that checks it and the apps that pick photos. */
export const photoLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxCount: 9,
  minCount: 1,
  /** Decoding costs memory and CPU by pixels, not bytes: 40 MP is above any phone camera's photo. */
  maxPixels: 40_000_000,
} as const;
