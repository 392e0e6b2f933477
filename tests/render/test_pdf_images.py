"""PNG pictures go into the PDF as they are (pdf_images): same pixels, no re-encoding."""

from __future__ import annotations

import io
import re
import struct
import subprocess
import zlib
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image

from assessment_doc.model import Document, Figure, Metadata, Section
from assessment_doc.render import render_pdf
from assessment_doc.render.pdf_images import png_picture


def _png(mode: str = "RGB", size: tuple[int, int] = (37, 23), **save: object) -> bytes:
    """A small picture whose every pixel differs, so a wrong predictor or row shows."""
    width, height = size
    values = np.arange(width * height * 4, dtype=np.uint32).reshape(height, width, 4) * 7919 % 251
    image = Image.fromarray(values.astype(np.uint8), "RGBA").convert(mode)
    buffer = io.BytesIO()
    image.save(buffer, format="png", **save)
    return buffer.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def test_an_rgb_png_keeps_its_own_compressed_data() -> None:
    png = _png()
    picture = png_picture(png)
    assert picture is not None
    assert (picture.width, picture.height, picture.colours) == (37, 23, 3)
    assert zlib.decompress(picture.data)[:1] in {bytes([f]) for f in range(5)}  # a filter byte
    assert len(zlib.decompress(picture.data)) == 23 * (1 + 37 * 3)
    assert picture.data in png  # not compressed again: the PNG's own bytes
    assert png_picture(png) == picture  # and named from them
    assert png_picture(_png(size=(38, 23))).name != picture.name


def test_a_grey_png_has_one_colour() -> None:
    picture = png_picture(_png("L"))
    assert picture is not None and picture.colours == 1


@pytest.mark.parametrize(
    "png, why",
    [
        (_png("RGBA"), "alpha channel"),
        (_png("P"), "palette"),
        (_png("RGB", transparency=(0, 0, 0)), "tRNS transparency"),
        (_png("I;16"), "16 bits"),
        (_png()[:-30], "truncated"),
        (_png()[:40] + bytes([_png()[40] ^ 1]) + _png()[41:], "damaged (CRC)"),
        (b"GIF89a" + bytes(40), "not a PNG"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_anything_else_is_left_to_reportlab(png: bytes, why: str) -> None:
    assert png_picture(png) is None, why


def _made(*, rows: int = 3, interlace: int = 0) -> bytes:
    """A 4 x 3 RGB PNG by hand, whose image data holds ``rows`` rows."""
    header = struct.pack(">IIBBBBB", 4, 3, 8, 2, 0, 0, interlace)
    data = zlib.compress(bytes(rows * (1 + 4 * 3)))
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", data)
            + _chunk(b"IEND", b""))


def test_image_data_must_fill_the_rows_the_header_gives() -> None:
    assert png_picture(_made(rows=3)) is not None
    assert png_picture(_made(rows=2)) is None
    assert png_picture(_made(rows=4)) is None


def test_an_interlaced_png_is_left_to_reportlab() -> None:
    assert png_picture(_made(interlace=1)) is None


def _document(*pictures: bytes) -> Document:
    figures = tuple(Figure(png, f"Picture {n} described.", f"Picture {n}")
                    for n, png in enumerate(pictures, 1))
    return Document(Metadata(title="Pictures"), (Section("Pictures", figures),))


@pytest.mark.parametrize("mode", ["RGB", "L", "RGBA"])
def test_the_pdf_shows_exactly_the_pixels_of_the_png(mode: str, tmp_path: Path) -> None:
    png = _png(mode, size=(61, 29))
    pdf = tmp_path / "pictures.pdf"
    pdf.write_bytes(render_pdf(_document(png)))
    subprocess.run(["pdfimages", "-png", str(pdf), str(tmp_path / "image")], check=True)
    extracted = sorted(tmp_path.glob("image-*.png"))
    original = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
    assert np.array_equal(np.asarray(Image.open(extracted[0]).convert("RGB")), original)
    with pikepdf.open(pdf) as opened:
        images = [image for page in opened.pages for image in page.get_images().values()]
    assert len(images) == 1
    passed_through = images[0].get("/DecodeParms") is not None
    assert passed_through == (mode != "RGBA")  # RGBA goes ReportLab's way, with its soft mask


def test_the_same_picture_twice_is_stored_once(tmp_path: Path) -> None:
    png = _png()
    with pikepdf.open(io.BytesIO(render_pdf(_document(png, png)))) as opened:
        names = {image.objgen for page in opened.pages for image in page.get_images().values()}
    assert len(names) == 1


def test_a_picture_taller_than_a_page_is_drawn_narrower_in_both_formats(tmp_path: Path) -> None:
    """A chart of very many wards: it was a crash (ReportLab refuses a flowable taller than its
    frame) and would be cut off in Word. It keeps its shape, at the tallest a page allows."""
    from docx import Document as WordDocument

    from assessment_doc.render import render_docx
    from assessment_doc.render.house_style import FIGURE_MAX_HEIGHT_MM

    tall = _png(size=(300, 3000))
    document = _document(tall)
    with pikepdf.open(io.BytesIO(render_pdf(document))) as opened:
        page = next(page for page in opened.pages if page.get_images())
        contents = page.Contents.read_bytes()
    drawn = re.search(rb"([\d.]+) 0 0 ([\d.]+) 0 0 cm\s*/FormXob", contents)
    assert drawn is not None
    width_pt, height_pt = float(drawn[1]), float(drawn[2])
    assert height_pt == pytest.approx(FIGURE_MAX_HEIGHT_MM / 25.4 * 72, rel=1e-3)
    assert width_pt / height_pt == pytest.approx(300 / 3000, rel=1e-3)

    word = WordDocument(io.BytesIO(render_docx(document)))
    shape = word.inline_shapes[0]
    assert shape.height.mm == pytest.approx(FIGURE_MAX_HEIGHT_MM, abs=0.01)
    assert shape.width / shape.height == pytest.approx(300 / 3000, rel=1e-3)
