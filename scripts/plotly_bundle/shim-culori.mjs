// plotly.js 4 imports five functions from the whole of culori (every colour space it knows).
// A colour in a figure is a CSS colour string, so the CSS colour spaces are all plotly needs to
// parse one: register those, and export the five functions from culori's tree-shakeable entry.
// (plotly.js itself notes this as a TODO in src/components/color/index.js.)
import 'culori/css';
export { converter, formatHex, formatRgb, wcagContrast, wcagLuminance } from 'culori/fn';
