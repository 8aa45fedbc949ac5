"""``make release``: the release's files in ``_build/release/``, with their SHA-256 sums (docs/releasing.md).

    python scripts/release.py [--out _build/release]

Run it after ``make book`` and ``make kit`` (and, for the Burmese edition, ``make book TT_LANG=my``
and ``make kit TT_LANG=my``); ``make release`` does all four first. It needs no network. It writes:

* ``tracktwo-site-<version>.zip``: the built book, ``_build/html`` (with ``my/`` when built);
* ``tracktwo-kit-<version>.zip``: the workshop kit, ``_build/kit``;
* ``tracktwo-kit-my-<version>.zip``: the Burmese kit, ``_build/kit-my``, when built;
* ``tracktwo-course-<version>.zip``: the course folder (tracktwo/release.py), made afresh;
* ``SHA256SUMS``: one line a file, as ``sha256sum -c SHA256SUMS`` reads it.

Before it zips anything it checks that the version agrees everywhere (``tracktwo.__version__``,
``CITATION.cff``, ``.zenodo.json``, a ``## [<version>]`` section in ``CHANGELOG.md``) and that the
built site's footer shows it (a site built before the version was raised is not packed). A problem
is one message naming the file and field, and exit status 1.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tracktwo import __version__, release  # noqa: E402

BUILD = ROOT / "_build"


def version_problems(root: Path = ROOT, version: str = __version__) -> list[str]:
    """Where the release's version is not ``version`` (each problem names its file and field)."""
    import yaml

    problems = []
    try:
        cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
        if str(cff.get("version")) != version:
            problems.append(f"CITATION.cff: field 'version' is {cff.get('version')!r}, not {version!r}")
    except (OSError, yaml.YAMLError, AttributeError) as exc:
        problems.append(f"CITATION.cff: cannot be read ({exc})")
    try:
        zen = json.loads((root / ".zenodo.json").read_text(encoding="utf-8"))
        if zen.get("version") != version:
            problems.append(f".zenodo.json: field 'version' is {zen.get('version')!r}, not {version!r}")
    except (OSError, ValueError, AttributeError) as exc:
        problems.append(f".zenodo.json: cannot be read ({exc})")
    try:
        if not re.search(rf"^## \[{re.escape(version)}\]", (root / "CHANGELOG.md").read_text(encoding="utf-8"), re.M):
            problems.append(f"CHANGELOG.md: no section '## [{version}]'")
    except OSError as exc:
        problems.append(f"CHANGELOG.md: cannot be read ({exc})")
    return problems


def site_problems(site: Path, version: str = __version__) -> list[str]:
    index = site / "index.html"
    if not index.is_file():
        return [f"{index.relative_to(ROOT) if index.is_relative_to(ROOT) else index}: not built (run make book first)"]
    if f"Version {version}" not in index.read_text(encoding="utf-8"):
        return [
            f"{index.relative_to(ROOT)}: its footer does not say 'Version {version}' (built before the version changed? run make book)"
        ]
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BUILD / "release", help="where the zips and SHA256SUMS go")
    args = parser.parse_args(argv)
    site, kit, kit_my = BUILD / "html", BUILD / "kit", BUILD / "kit-my"
    problems = version_problems() + site_problems(site)
    if not kit.is_dir():
        problems.append("_build/kit: not built (run make kit first)")
    if problems:
        print("release: nothing written:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.zip"):
        old.unlink()
    v = __version__
    written = [release.write_bundle(out)]
    for folder, name in ((site, f"tracktwo-site-{v}"), (kit, f"tracktwo-kit-{v}"), (kit_my, f"tracktwo-kit-my-{v}")):
        if folder.is_dir():
            path = out / f"{name}.zip"
            path.write_bytes(release.zip_bytes(release.folder_entries(folder, name)))
            written.append(path)
    sums = release.sha256sums(written, out / "SHA256SUMS")
    for path in sorted(written):
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {path.stat().st_size / 1e6:.1f} MB")
    print(f"SHA256SUMS ({len(sums.splitlines())} files): check with  cd {out} && sha256sum -c SHA256SUMS")
    if not (site / "my").is_dir() or not kit_my.is_dir():
        print("note: no Burmese edition in this release (make book TT_LANG=my and make kit TT_LANG=my add it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
