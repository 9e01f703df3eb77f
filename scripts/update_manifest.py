"""Record versions and SHA-256 of the shipped data files in lexicons/manifest.json.

A changed file must get a new version, because every downstream score depends on it:

    python scripts/update_manifest.py            # report files whose hash changed
    python scripts/update_manifest.py --bump     # bump their minor version and store the hash
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

LEXICONS = Path(__file__).resolve().parents[1] / "lexicons"
DATA_SUFFIXES = {".tsv", ".txt", ".jsonl"}


def data_files() -> list[Path]:
    return sorted(p for p in LEXICONS.iterdir() if p.suffix in DATA_SUFFIXES)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bump", action="store_true", help="bump versions of changed files")
    args = ap.parse_args()
    path = LEXICONS / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    changed = []
    for f in data_files():
        digest = hashlib.sha256(f.read_text(encoding="utf-8").encode("utf-8")).hexdigest()
        entry = manifest.get(f.name)
        if entry is None:
            manifest[f.name] = {"version": "1.0", "sha256": digest}
            changed.append(f"{f.name}: new, version 1.0")
        elif entry["sha256"] != digest:
            if args.bump:
                major, minor = entry["version"].split(".")
                entry["version"] = f"{major}.{int(minor) + 1}"
                entry["sha256"] = digest
            changed.append(f"{f.name}: changed" + (f", now {entry['version']}" if args.bump
                                                   else " (run with --bump)"))
    for name in [n for n in manifest if not (LEXICONS / n).exists()]:
        del manifest[name]
        changed.append(f"{name}: removed")
    if args.bump or all("changed" not in c for c in changed):
        path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print("\n".join(changed) or "manifest up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
