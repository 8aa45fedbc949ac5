// Re-create the conflict-map bundles: `npm ci && node build.mjs` in this folder.
// Outputs (all committed, so the book build and CI need no Node):
//   assets/tracktwo/maps/conflict-map.iife.js   classic script for the static book (works from file://)
//   assets/tracktwo/maps/conflict-map-fcose.iife.js  the fcose layout, loaded on first use
//   assets/tracktwo/maps/conflict-map.css
//   tracktwo/maps/static/conflict-map.esm.js    ES modules for anywidget in JupyterLab
//   tracktwo/maps/static/placing.esm.js
//   tracktwo/maps/static/builder.esm.js       the map builder for anywidget
//   tracktwo/maps/static/worksheet.esm.js     the companion tools (tree, onion, ABC, grid) for anywidget
//   tracktwo/maps/static/timeline.esm.js      the perspective timeline for anywidget
//   tracktwo/maps/static/tracks.esm.js        the multi-track map for anywidget
//   tracktwo/maps/static/conflict-map.css
//   assets/tracktwo/maps/LICENSES.txt          the bundled packages' licences
// Then run `python scripts/vendor_assets.py --record-bundles` to record their hashes.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../../..");
const book = resolve(root, "assets/tracktwo/maps");
const pkg = resolve(here, "../static");
mkdirSync(book, { recursive: true });
mkdirSync(pkg, { recursive: true });

const common = { bundle: true, minify: true, legalComments: "eof", target: "es2019", logLevel: "warning" };
await build({ ...common, entryPoints: [resolve(here, "src/static_host.js")], format: "iife", outfile: resolve(book, "conflict-map.iife.js") });
await build({ ...common, entryPoints: [resolve(here, "src/fcose_entry.js")], format: "iife", outfile: resolve(book, "conflict-map-fcose.iife.js") });
await build({ ...common, entryPoints: [resolve(here, "src/anywidget_map.js")], format: "esm", outfile: resolve(pkg, "conflict-map.esm.js") });
await build({ ...common, entryPoints: [resolve(here, "src/placing.js")], format: "esm", outfile: resolve(pkg, "placing.esm.js") });
await build({ ...common, entryPoints: [resolve(here, "src/builder.js")], format: "esm", outfile: resolve(pkg, "builder.esm.js") });
await build({ ...common, entryPoints: [resolve(here, "src/worksheet.js")], format: "esm", outfile: resolve(pkg, "worksheet.esm.js") });
await build({ ...common, entryPoints: [resolve(here, "src/timeline.js")], format: "esm", outfile: resolve(pkg, "timeline.esm.js") });
await build({ ...common, entryPoints: [resolve(here, "src/tracks_entry.js")], format: "esm", outfile: resolve(pkg, "tracks.esm.js") });
copyFileSync(resolve(here, "src/conflict-map.css"), resolve(book, "conflict-map.css"));
copyFileSync(resolve(here, "src/conflict-map.css"), resolve(pkg, "conflict-map.css"));
// The licences of every bundled package, beside the bundle.
const lock = JSON.parse(readFileSync(resolve(here, "package-lock.json"), "utf8"));
let licences = "Licences of the npm packages bundled in conflict-map.iife.js and conflict-map.esm.js\n";
for (const [path, meta] of Object.entries(lock.packages)) {
  if (!path || meta.dev) continue;
  const name = path.replace(/^node_modules\//, "");
  licences += `\n==== ${name}@${meta.version} (${meta.license}) ====\n\n`;
  licences += readFileSync(resolve(here, path, "LICENSE"), "utf8");
}
writeFileSync(resolve(book, "LICENSES.txt"), licences);
console.log("built conflict-map bundles");
