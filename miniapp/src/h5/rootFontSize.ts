/**
 * H5 sizes are rem: Taro's pxtransform turns 40 design px (of a 750-wide design) into 1rem. Taro normally
 * sets the root font size with an inline <script> in index.html, which the BFF's Content-Security-Policy
 * (script-src 'self') blocks, so the same rule runs here from the bundle instead.
 */
export function rootFontSize(viewportWidth: number): number {
  const size = (40 * viewportWidth) / 750;
  return Math.min(40, Math.max(20, size));
}

export function applyRootFontSize(): void {
  const apply = () => {
    const root = document.documentElement;
    const { width, height } = root.getBoundingClientRect();
    const shortest = Math.min(...[width, height].filter((value) => value > 0));
    if (Number.isFinite(shortest)) root.style.fontSize = `${rootFontSize(shortest)}px`;
  };
  apply();
  window.addEventListener('resize', () => {
    apply();
    setTimeout(apply, 500);
  });
}
