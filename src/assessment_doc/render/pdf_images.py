"""PNG pictures placed in the PDF as they are: not decoded, not compressed again.

A PNG's image data (its IDAT chunks, joined) is a zlib stream of pixel rows, each row led by its
filter byte: exactly what PDF's FlateDecode filter with PNG predictors reads (ISO 32000-1,
7.4.4.4, ``/Predictor 15``). ReportLab would instead decode the PNG, compress the raw pixels
again and hash them, on every pass of its multiBuild; for the bundled Appendix that was the
largest cost of the PDF.

Our charts are 8-bit RGB PNGs without interlacing or transparency
(:func:`assessment_doc.figures.png.png_bytes`). Any other PNG (an analyst's own picture with an
alpha channel or a palette, say) gives ``None`` here and is drawn ReportLab's way.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from dataclasses import dataclass

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_COLOURS = {0: 1, 2: 3}
"""PNG colour type -> components per pixel, for the types PDF takes as they are (grey, RGB)."""


@dataclass(frozen=True)
class PngPicture:
    """A PNG's pixels as PDF takes them: FlateDecode data with PNG predictors."""

    name: str
    """A name made from the PNG's bytes: the same picture drawn twice is stored once."""
    width: int
    height: int
    colours: int
    """1 (DeviceGray) or 3 (DeviceRGB)."""
    data: bytes
    """The IDAT chunks' contents, joined."""


def png_picture(png: bytes) -> PngPicture | None:
    """The picture in ``png`` if PDF can take its data as it is; ``None`` otherwise (not a
    PNG, damaged, not 8 bits per component, interlaced, a palette, alpha or transparency)."""
    if not png.startswith(_SIGNATURE):
        return None
    header: bytes | None = None
    data: list[bytes] = []
    position = len(_SIGNATURE)
    while position + 12 <= len(png):
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        body = png[position + 8:position + 8 + length]
        crc = png[position + 8 + length:position + 12 + length]
        if len(body) != length or len(crc) != 4 or zlib.crc32(kind + body) != int.from_bytes(crc, "big"):
            return None
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            data.append(body)
        elif kind == b"tRNS":
            return None
        elif kind == b"IEND":
            break
        position += 12 + length
    else:
        return None  # no IEND: truncated
    if header is None or len(header) != 13 or not data:
        return None
    width, height, depth, colour_type, compression, filtering, interlace = struct.unpack(
        ">IIBBBBB", header)
    colours = _COLOURS.get(colour_type)
    if colours is None or depth != 8 or compression or filtering or interlace:
        return None
    joined = b"".join(data)
    if not _holds_rows(joined, rows=height, row_bytes=1 + width * colours):
        return None
    return PngPicture(name="png" + hashlib.sha256(png).hexdigest()[:32], width=width,
                      height=height, colours=colours, data=joined)


def _holds_rows(data: bytes, *, rows: int, row_bytes: int) -> bool:
    """True if ``data`` inflates to exactly ``rows`` rows of ``row_bytes`` (a PDF reader would
    otherwise show a damaged picture), inflated a piece at a time, never all at once."""
    inflater = zlib.decompressobj()
    expected, seen = rows * row_bytes, 0
    try:
        piece = inflater.decompress(data, 1 << 20)
        while piece:
            seen += len(piece)
            if seen > expected:
                return False
            piece = inflater.decompress(inflater.unconsumed_tail, 1 << 20)
    except zlib.error:
        return False
    return seen == expected and inflater.eof
