// anywidget's entry for the multi-track map: the module plus the fcose layout, in one ES module
// (as anywidget_map.js does for the conflict map).
import fcose from "cytoscape-fcose";
import { registerFcose } from "./conflict_map.js";
import tracks from "./tracks.js";

registerFcose(fcose);
export default tracks;
