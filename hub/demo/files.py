"""Small files the demo needs, made locally: a one-page PDF and a logo PNG."""

import io
import zlib

from PIL import Image, ImageDraw


def _pdf_text(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1", "replace")


def make_pdf(title, lines):
    """A valid single-page PDF with a title and a few lines of text."""
    content = b"BT /F1 18 Tf 56 780 Td (" + _pdf_text(title) + b") Tj ET\n"
    y = 750
    for line in lines:
        content += b"BT /F1 11 Tf 56 %d Td (" % y + _pdf_text(line) + b") Tj ET\n"
        y -= 16
    stream = zlib.compress(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def make_logo(initials, colour):
    """A 240x160 PNG with the organisation's initials on a flat colour."""
    image = Image.new("RGB", (240, 160), colour)
    draw = ImageDraw.Draw(image)
    draw.text((120, 80), initials[:4], fill="white", anchor="mm", font_size=56)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
