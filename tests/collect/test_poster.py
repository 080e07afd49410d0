"""The collection's poster: the QR code reads back as the public address; dates and themes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from facilitator.collect.poster import write_collect_poster
from facilitator.core.process import Process
from facilitator.store.collection import CollectionStore
from tests.collect.support import PUBLIC
from tests.machine import require_tool


@pytest.mark.slow
def test_the_poster_has_the_qr_the_dates_and_the_themes(proc: Process, collection: Path,
                                                        tmp_path: Path) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image
    require_tool("pdftoppm")
    with CollectionStore.open(collection) as cs:
        meta = cs.meta()
    pdf = write_collect_poster(meta, tmp_path / "juliste.pdf", "sv")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Berätta din idé på nätet" in text and "Mansikkala samlar idéer" in text
    assert "31 december 2026" in text and "Unga" in text and "Tomma lokaler" in text
    assert PUBLIC in text
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(pdf),
                    str(tmp_path / "p")], check=True)
    codes = [r.text for r in zxingcpp.read_barcodes(Image.open(tmp_path / "p.png"))]
    assert codes == [PUBLIC]
