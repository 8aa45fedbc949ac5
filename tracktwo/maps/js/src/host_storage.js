// Where the maps keep learners' work in the static book: window.TTStorage (assets/tracktwo/storage.js,
// loaded first on every page of the book: the key scheme, the keep mode, set aside, "clear
// everything"). In JupyterLab there is none: anywidget saves through Python (a file beside the
// notebook), and this module answers null, so the maps keep their state in memory only.
// Also the neutral default name of an exported file (never the map's title: an onlooker reads it).

export function courseStorage() {
  return (typeof window !== "undefined" && window.TTStorage) || null;
}

// "map-2026-12-07.json": the kind of file and today's date (local time); the learner may rename.
export function exportName(kind, ext, now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${kind}-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.${ext}`;
}

// One sentence saying where work is kept now, for the maps' notes.
export function whereKept(what) {
  const s = courseStorage();
  if (!s) return null;
  if (s.mode() === "nothing") return `${what} are kept in this tab only and forgotten when you close it, unless you export them.`;
  return `${what} stay in this browser on this device unless you export them.`;
}
