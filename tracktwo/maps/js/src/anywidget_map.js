// anywidget's entry for the conflict map: the module plus the fcose layout, in one ES module.
import fcose from "cytoscape-fcose";
import conflictMap, { registerFcose } from "./conflict_map.js";

registerFcose(fcose);
export default conflictMap;
