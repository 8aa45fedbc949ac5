"""Refresh the vendored browser assets from the npm packages that ship them.

    python scripts/vendor_assets.py          # fetch with `npm pack`, copy, record in the manifest
    python scripts/vendor_assets.py --check  # verify files on disk against the manifest (no network)
    python scripts/vendor_assets.py --record-bundles  # after re-bundling, record the bundles' hashes
    python scripts/vendor_assets.py --only @fontsource/noto-sans-myanmar  # refresh one package only

The manifest also lists the course's own *bundles* (e.g. the conflict-map component: Cytoscape.js +
fcose + the course's front end, built with esbuild). Each names its recipe folder (package.json,
package-lock.json and build.mjs: `npm ci && node build.mjs` re-creates it), the npm packages bundled
with their exact versions and licences (read from the lock file), and the sha256 of every file
built. --check verifies the files and that the recorded packages match the recipe's lock file.

The manifest (assets/vendor/manifest.json) lists each package, its exact version, its licence and
the sha256 of every file copied, so a reviewer can see what the book serves and where it came from.
Nothing is fetched at build or run time: the copied files are committed.

A package with a ``recipe`` (plotly.js: scripts/plotly_bundle) is bundled rather than copied: its
``files`` (the licence) come from `npm pack` as above, then `npm ci && node build.mjs` in the recipe
folder writes its ``built`` files, whose hashes are recorded the same way. Only maintainers re-bundle;
the book build and CI need no Node.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "assets" / "vendor" / "manifest.json"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run_recipe(folder: Path) -> None:
    """Bundle a package with its recipe folder (package.json, package-lock.json, build.mjs)."""
    for cmd in (["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], ["node", "build.mjs"]):
        out = subprocess.run(cmd, cwd=folder, capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"{' '.join(cmd)} in {folder.relative_to(ROOT)} failed: {out.stderr.strip()}")


def refresh(only: str | None = None) -> None:
    """Copy every package's files (or only the package ``only``: no other package and no bundle is
    touched) and record their licence, hashes and sizes."""
    manifest = json.loads(MANIFEST.read_text())
    if only and not any(pkg["npm"] == only for pkg in manifest["packages"]):
        sys.exit(f"--only {only}: no such package in {MANIFEST.relative_to(ROOT)}")
    for pkg in manifest["packages"]:
        if only and pkg["npm"] != only:
            continue
        spec = f'{pkg["npm"]}@{pkg["version"]}'
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run(["npm", "pack", spec, "--silent"], cwd=tmp, capture_output=True, text=True)
            if out.returncode != 0:
                sys.exit(f"npm pack {spec} failed: {out.stderr.strip()}")
            tarball = Path(tmp) / out.stdout.strip().splitlines()[-1]
            with tarfile.open(tarball) as tar:
                tar.extractall(tmp, filter="data")
            unpacked = Path(tmp) / "package"
            meta = json.loads((unpacked / "package.json").read_text())
            pkg["license"] = meta.get("license", "UNKNOWN")
            for src, dest in pkg["files"].items():
                target = ROOT / "assets" / dest
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(unpacked / src, target)
            if pkg.get("recipe"):
                _run_recipe(ROOT / pkg["recipe"])
            outputs = list(pkg["files"].values()) + list(pkg.get("built", []))
            pkg["sha256"] = {dest: sha256(ROOT / "assets" / dest) for dest in outputs}
            pkg["bytes"] = {dest: (ROOT / "assets" / dest).stat().st_size for dest in outputs}
        print(f"vendored {spec} ({pkg['license']})")
    if not only:
        rebuild_bundles(manifest)
    MANIFEST.write_text(json.dumps(manifest, indent=2) + "\n")


def bundle_packages(recipe: Path) -> list[dict]:
    """The npm packages a bundle contains (not its build tools), from the recipe's lock file."""
    lock = json.loads((recipe / "package-lock.json").read_text())
    out = []
    for path, meta in sorted(lock["packages"].items()):
        if not path or meta.get("dev"):
            continue
        out.append(
            {"npm": path.removeprefix("node_modules/"), "version": meta["version"], "license": meta.get("license", "UNKNOWN")}
        )
    return out


def record_bundles(manifest: dict) -> None:
    for bundle in manifest.get("bundles", []):
        recipe = ROOT / bundle["recipe"]
        bundle["packages"] = bundle_packages(recipe)
        bundle["sha256"] = {f: sha256(ROOT / f) for f in bundle["files"]}
        bundle["bytes"] = {f: (ROOT / f).stat().st_size for f in bundle["files"]}
        print(f"recorded bundle {bundle['name']} ({len(bundle['files'])} files)")


def rebuild_bundles(manifest: dict) -> None:
    for bundle in manifest.get("bundles", []):
        recipe = ROOT / bundle["recipe"]
        for cmd in (["npm", "ci", "--no-audit", "--no-fund"], ["node", "build.mjs"]):
            out = subprocess.run(cmd, cwd=recipe, capture_output=True, text=True)
            if out.returncode != 0:
                sys.exit(f"{' '.join(cmd)} in {bundle['recipe']} failed: {out.stderr.strip()}")
    record_bundles(manifest)


def check_bundles(manifest: dict) -> int:
    bad = 0
    for bundle in manifest.get("bundles", []):
        recipe = ROOT / bundle["recipe"]
        for name in ("package.json", "package-lock.json", "build.mjs"):
            if not (recipe / name).exists():
                print(f"MISSING: {bundle['recipe']}/{name} (the recipe that re-creates bundle {bundle['name']})")
                bad += 1
        if (recipe / "package-lock.json").exists() and bundle_packages(recipe) != bundle.get("packages"):
            print(f"MISMATCH: bundle {bundle['name']}: the packages recorded differ from {bundle['recipe']}/package-lock.json")
            bad += 1
        for dest in bundle["files"]:
            digest = bundle.get("sha256", {}).get(dest)
            path = ROOT / dest
            if digest is None or not path.exists() or sha256(path) != digest:
                print(f"MISMATCH: {dest} does not match bundle {bundle['name']} in the manifest")
                bad += 1
    return bad


def check() -> int:
    manifest = json.loads(MANIFEST.read_text())
    bad = check_bundles(manifest)
    for pkg in manifest["packages"]:
        for dest, digest in pkg.get("sha256", {}).items():
            path = ROOT / "assets" / dest
            if not path.exists() or sha256(path) != digest:
                print(f"MISMATCH: assets/{dest} does not match {pkg['npm']}@{pkg['version']}")
                bad += 1
    print("vendored assets match the manifest" if not bad else f"{bad} vendored file(s) differ")
    return 1 if bad else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify only, no network")
    parser.add_argument("--record-bundles", action="store_true", help="record the built bundles' hashes")
    parser.add_argument("--only", metavar="NPM", help="refresh this one package (its npm name) and nothing else")
    args = parser.parse_args()
    if args.record_bundles:
        data = json.loads(MANIFEST.read_text())
        record_bundles(data)
        MANIFEST.write_text(json.dumps(data, indent=2) + "\n")
        sys.exit(0)
    sys.exit(check() if args.check else refresh(args.only))
