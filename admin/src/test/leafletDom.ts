/**
 * Leaflet under jsdom. Import before anything that imports leaflet: Leaflet decides at load whether the
 * browser draws SVG, which it tests with `createSVGRect` (jsdom has none, and its canvas cannot draw),
 * and maps measure their container, which jsdom lays out as 0 × 0. Paths, markers and tiles are then
 * real DOM elements the tests can find and click.
 */
// Leaflet only asks whether it exists; a DOMRect is the shape browsers return.
const svgPrototype = window.SVGSVGElement.prototype as Partial<Pick<SVGSVGElement, 'createSVGRect'>>;
if (!svgPrototype.createSVGRect) svgPrototype.createSVGRect = () => new DOMRect();

export const testMapSize = { width: 640, height: 320 };

const isMap = (element: Element) => element.classList.contains('leaflet-container');
for (const [property, size] of [
  ['clientWidth', () => testMapSize.width],
  ['clientHeight', () => testMapSize.height],
] as const) {
  const original = Object.getOwnPropertyDescriptor(window.Element.prototype, property);
  Object.defineProperty(window.HTMLElement.prototype, property, {
    configurable: true,
    get(this: HTMLElement) {
      return isMap(this) ? size() : (original?.get?.call(this) ?? 0);
    },
  });
}
