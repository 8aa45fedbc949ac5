// The fcose layout for the static book, loaded by static_host.js the first time a map needs it.
import fcose from "cytoscape-fcose";

if (window.TrackTwoMaps && window.TrackTwoMaps.registerFcose) window.TrackTwoMaps.registerFcose(fcose);
