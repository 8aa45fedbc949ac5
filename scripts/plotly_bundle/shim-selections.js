// The course's stand-in for plotly.js/src/components/selections (index.js) where plotly's cartesian
// drag code and plot_api import it. No course figure selects points: dragmode is zoom or pan, the
// select and lasso buttons are removed from the modebar, and clickmode is plotly's default ("event"),
// so these functions are never asked to select. Leaving the real module out saves its select and
// polygon code (about 36 KB minified). The selections component itself is not registered (entry.js).
'use strict';

function noop() {}

module.exports = {
    prepSelect: noop,
    clearOutline: function(gd) {
        // what the real clearOutline does with no outlines drawn: remove any outline layer left
        var zoomLayer = gd && gd._fullLayout && gd._fullLayout._zoomlayer;
        if(zoomLayer && zoomLayer.selectAll) zoomLayer.selectAll('.select-outline').remove();
    },
    clearSelectionsCache: noop,
    selectOnClick: noop,
    reselect: noop
};
