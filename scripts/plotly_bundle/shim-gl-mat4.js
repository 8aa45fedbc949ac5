// plotly.js's lib/dom.js and lib/matrix.js use two functions of gl-mat4 (multiply, invert); the
// package's index pulls in all of its 4x4 matrix functions. Same functions, from their own files.
module.exports = {
    multiply: require('gl-mat4/multiply'),
    invert: require('gl-mat4/invert')
};
