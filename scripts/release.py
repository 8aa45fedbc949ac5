"""``make release``: the public release in ``_build/release/``, the facilitators' kit apart (docs/releasing.md).

    python scripts/release.py [--out _build/release] [--facilitators-out _build/release-facilitators]

Run it after ``make book`` and ``make kit`` (and, for the Burmese edition, ``make book TT_LANG=my``
and ``make kit TT_LANG=my``); ``make release`` does all four first. It needs no network.

**The public release** (``_build/release/``: uploaded with the tag and to Zenodo) holds only what a
learner or participant may see:

* ``tracktwo-site-<version>.zip``: the built book, ``_build/html`` (with ``my/`` when built);
* ``tracktwo-participant-<version>.zip``: the kit's participant folder, ``_build/kit/participant``;
* ``tracktwo-participant-my-<version>.zip``: the Burmese kit's, ``_build/kit-my/participant``, when built;
* ``tracktwo-course-<version>.zip``: the course folder (tracktwo/release.py), made afresh;
* ``SHA256SUMS``: one line a file, as ``sha256sum -c SHA256SUMS`` reads it.

**The facilitators' kit** (``_build/release-facilitators/``) is never uploaded to a public archive:
the whole kit (``tracktwo-kit-<version>.zip``, and ``tracktwo-kit-my-<version>.zip``), whose
``facilitator/`` folder holds the key sheets, marking guides and the simulation's confidential role
briefs (docs/decisions/0013-confidential-material.md), with its own ``SHA256SUMS`` and a
``README.txt`` saying it is handed to facilitators directly.

Before it zips anything it checks that the version agrees everywhere (``tracktwo.__version__``,
``CITATION.cff``, ``.zenodo.json``, a ``## [<version>]`` section in ``CHANGELOG.md``) and that the
built site's footer shows it (a site built before the version was raised is not packed). Before it
writes the public set it checks that no file of it comes from a kit outside its ``participant/``
folder and that no text entry of its zips (HTML, JSON, scripts; PDFs are not read: the sheets are
kept out by their audience, tracktwo/workshop/kit.py) holds a sentence the data marks confidential
(:func:`public_problems`). A problem is one message naming the file and field, and exit status 1.
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
#: The kits' builds and the suffix their release zips carry.
KITS = (("kit", ""), ("kit-my", "-my"))
#: The one folder of a kit that may be published.
PUBLIC_KIT_FOLDER = "participant"
#: The README of the facilitators' set.
FACILITATORS_README = """Track Two course {version}: the facilitators' kit

These zips are the whole workshop kit: the participant folder, and the facilitator folder with the
answer keys, the marking guides, the simulation's confidential role briefs and its script.

Never upload them to a public archive (Zenodo, a release page, a course website) or a shared drive
participants can reach. Hand them to facilitators directly (in person, on a USB stick, or by a
channel the facilitators trust). The public release (site, participant kit, course folder) is
published separately and holds none of this material.

Check the files with: sha256sum -c SHA256SUMS
"""

Entries = list[tuple[str, Path]]


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


def release_sets(
    build: Path = BUILD, version: str = __version__, course: bool = True
) -> tuple[dict[str, Entries], dict[str, Entries]]:
    """(public, facilitators): each ``{zip name: [(name in the zip, file on disk)]}`` (pure over the
    files on disk). Public: the site, each kit's ``participant/`` folder, the course folder. The
    facilitators': each whole kit. ``course=False`` leaves the course folder out (a test's fake tree)."""
    public: dict[str, Entries] = {}
    facilitators: dict[str, Entries] = {}
    site = build / "html"
    if site.is_dir():
        public[f"tracktwo-site-{version}.zip"] = release.folder_entries(site, f"tracktwo-site-{version}")
    for folder, suffix in KITS:
        kit = build / folder
        if not kit.is_dir():
            continue
        name = f"tracktwo-participant{suffix}-{version}"
        public[f"{name}.zip"] = release.folder_entries(kit / PUBLIC_KIT_FOLDER, name)
        name = f"tracktwo-kit{suffix}-{version}"
        facilitators[f"{name}.zip"] = release.folder_entries(kit, name)
    if course:
        public[f"{release.bundle_name(version)}.zip"] = release.bundle_files()
    return public, facilitators


def _from_a_kit_outside_its_participant_folder(path: Path, build: Path) -> bool:
    try:
        parts = path.resolve().relative_to(build.resolve()).parts
    except ValueError:
        return False
    kits = {folder for folder, _ in KITS}
    return len(parts) > 0 and parts[0] in kits and (len(parts) < 2 or parts[1] != PUBLIC_KIT_FOLDER)


def public_problems(public: dict[str, Entries], zips: dict[str, bytes], build: Path = BUILD) -> list[str]:
    """What must never be in the public release: a file of a kit that is not in its participant folder
    (the facilitator folder, the kit's index page, its zips), and any sentence of the material the
    data marks confidential (role briefs, the script, marking guides, debrief answers, key sheets)
    in any entry of the public zips, as published (``zips``: name -> the zip's bytes)."""
    from tracktwo.confidential import CONFIDENTIAL_KINDS, found_in_zip, marked_strings

    problems = []
    for zip_name, entries in sorted(public.items()):
        for name, path in entries:
            if _from_a_kit_outside_its_participant_folder(path, build):
                problems.append(f"{zip_name}: {name}: a file of the facilitators' kit ({path}) in the public release")
    confidential = marked_strings(CONFIDENTIAL_KINDS)
    for zip_name, data in sorted(zips.items()):
        for name, m, piece in found_in_zip(data, confidential):
            problems.append(f'{zip_name}: {name}: {m.kind} from {m.file} ({m.path}): "{piece[:60]}"')
    return problems


def _write(sets: dict[str, bytes], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.zip"):
        old.unlink()
    written = []
    for zip_name, data in sorted(sets.items()):
        path = out / zip_name
        path.write_bytes(data)
        written.append(path)
    release.sha256sums(written, out / "SHA256SUMS")
    return written


def write_release(
    public: dict[str, Entries],
    facilitators: dict[str, Entries],
    out: Path,
    facilitators_out: Path,
    build: Path = BUILD,
    version: str = __version__,
) -> tuple[list[Path], list[Path], list[str]]:
    """Zip both sets; write nothing if :func:`public_problems` finds any. Returns (public files,
    facilitators' files, problems)."""
    if out.resolve() == facilitators_out.resolve() or facilitators_out.resolve().is_relative_to(out.resolve()):
        return [], [], [f"--facilitators-out {facilitators_out}: must be a folder of its own, outside {out}"]
    public_zips = {name: release.zip_bytes(entries) for name, entries in public.items()}
    problems = public_problems(public, public_zips, build)
    if problems:
        return [], [], problems
    written = _write(public_zips, out)
    kept = _write({name: release.zip_bytes(entries) for name, entries in facilitators.items()}, facilitators_out)
    if facilitators:
        (facilitators_out / "README.txt").write_text(FACILITATORS_README.format(version=version), encoding="utf-8")
    return written, kept, []


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BUILD / "release", help="the public release: zips and SHA256SUMS")
    parser.add_argument(
        "--facilitators-out",
        type=Path,
        default=BUILD / "release-facilitators",
        help="the facilitators' kit, never uploaded to a public archive",
    )
    args = parser.parse_args(argv)
    site, kit, kit_my = BUILD / "html", BUILD / "kit", BUILD / "kit-my"
    problems = version_problems() + site_problems(site)
    for folder in (kit, kit_my):
        if folder.is_dir() and not (folder / PUBLIC_KIT_FOLDER).is_dir():
            problems.append(f"{_shown(folder)}: no {PUBLIC_KIT_FOLDER}/ folder (run make kit again)")
    if not kit.is_dir():
        problems.append("_build/kit: not built (run make kit first)")
    if problems:
        print("release: nothing written:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    public, facilitators = release_sets(BUILD)
    written, kept, problems = write_release(public, facilitators, args.out, args.facilitators_out, BUILD)
    if problems:
        print("release: nothing written:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    print("The public release (upload these with the tag and to Zenodo):")
    for path in written:
        print(f"  {_shown(path)}: {path.stat().st_size / 1e6:.1f} MB")
    print(f"  SHA256SUMS ({len(written)} files): check with  cd {args.out} && sha256sum -c SHA256SUMS")
    print("The facilitators' kit (NEVER upload to a public archive; hand it to facilitators directly):")
    for path in kept:
        print(f"  {_shown(path)}: {path.stat().st_size / 1e6:.1f} MB")
    print(f"  SHA256SUMS and README.txt in {args.facilitators_out}")
    if not (site / "my").is_dir() or not kit_my.is_dir():
        print("note: no Burmese edition in this release (make book TT_LANG=my and make kit TT_LANG=my add it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
