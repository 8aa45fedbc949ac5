// Build assets/vendor/plotly/plotly-tracktwo.min.js from entry.js:  npm ci && node build.mjs
// Same esbuild settings as plotly.js's own dist build (esbuild-config.js), minified, plus two
// resolvers: culori goes through shim-culori.mjs (the CSS colour spaces only) and gl-mat4 through
// shim-gl-mat4.js (the two functions plotly's 2-D code calls).
import * as esbuild from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = path.resolve(here, '../../assets/vendor/plotly/plotly-tracktwo.min.js');
// Two dependencies plotly.js imports whole for a few functions go through a shim of the course's.
const shims = { culori: 'shim-culori.mjs', 'gl-mat4': 'shim-gl-mat4.js' };
// plotly's cartesian drag code and plot_api import the selections component for point selection,
// which no course figure uses: they get shim-selections.js (the component is not registered).
const selectionsShim = path.join(here, 'shim-selections.js');
const slimDependencies = {
  name: 'slim-dependencies',
  setup(build) {
    build.onResolve({ filter: /^(culori|gl-mat4)$/ }, (args) =>
      args.importer.includes(`${path.sep}plotly.js${path.sep}`) ? { path: path.join(here, shims[args.path]) } : undefined);
    build.onResolve({ filter: /components\/selections$/ }, (args) =>
      /plotly\.js[\\/]src[\\/](plots[\\/]cartesian[\\/]dragbox|plot_api[\\/]plot_api)\.js$/.test(args.importer)
        ? { path: selectionsShim } : undefined);
  },
};
const result = await esbuild.build({
  metafile: true,
  entryPoints: [path.join(here, 'entry.js')],
  outfile: out,
  format: 'iife',
  globalName: 'Plotly',
  bundle: true,
  minify: true,
  legalComments: 'eof',
  plugins: [slimDependencies],
  define: { global: 'window', 'define.amd': 'false' },
  alias: { regl: '@plotly/regl', stream: 'stream-browserify' },
  target: 'es2016',
  logLevel: 'warning',
});
// plotly.js's core pulls in maplibre's stylesheet through a dependency; the course draws no map
// with plotly, so the stylesheet esbuild writes beside the bundle is not kept.
rmSync(out.replace(/\.js$/, '.css'), { force: true });
// Every npm package that ended up in the bundle, with its version and licence text.
const pkgs = new Map();
const jsOut = Object.entries(result.metafile.outputs).find(([name]) => name.endsWith('.js'))[1];
for (const [input, { bytesInOutput }] of Object.entries(jsOut.inputs)) {
  if (!bytesInOutput || input.endsWith('.css')) continue;
  const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//g);
  if (!m) continue;
  const dir = path.join(here, input.slice(0, input.lastIndexOf(m[m.length - 1]) + m[m.length - 1].length));
  if (!pkgs.has(dir)) pkgs.set(dir, JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')));
}
const parts = ['Third-party code in plotly-tracktwo.min.js (built by scripts/plotly_bundle/build.mjs):\n'];
for (const [dir, meta] of [...pkgs].sort((a, b) => a[1].name.localeCompare(b[1].name))) {
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
  parts.push(`\n==== ${meta.name}@${meta.version} (${meta.license || 'see below'}) ====\n`);
  parts.push(file ? readFileSync(path.join(dir, file), 'utf8') : '(no licence file in the package; licence field above)\n');
}
writeFileSync(out.replace(/\.min\.js$/, '.LICENSES.txt'), parts.join(''));
console.log(`bundled ${pkgs.size} npm packages`);
console.log(`wrote ${path.relative(process.cwd(), out)}`);
