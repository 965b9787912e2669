// Bundles the BFF into dist/main.js for production: workspace packages (contracts) are compiled in,
// npm dependencies stay external and are installed next to it.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bffDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(fs.readFileSync(path.join(bffDir, 'package.json'), 'utf8'));
const external = Object.keys(manifest.dependencies ?? {}).filter((name) => !name.startsWith('@jiefang/'));

await build({
  entryPoints: [path.join(bffDir, 'src/main.ts')],
  outfile: path.join(bffDir, 'dist/main.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external,
  logLevel: 'info',
});
// The district's streets and grids are read next to the bundle (loadDistrict).
for (const file of ['haizhu-demo.geojson', 'haizhu-demo-grids.geojson']) {
  fs.copyFileSync(path.join(bffDir, 'src/modules/district', file), path.join(bffDir, 'dist', file));
}
