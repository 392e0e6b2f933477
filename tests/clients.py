"""Real clients the tests use to read our outputs: poppler, qpdf and LibreOffice.

The tests call these programs as a person's tools would; CI installs them (.ci/run).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def run(*command: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    """Run a program, failing the test with its output when it is missing or fails."""
    if shutil.which(command[0]) is None:
        raise AssertionError(f"{command[0]} is not installed (CI installs it in .ci/run)")
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


def pdf_text(pdf: Path, mode: str = "-layout") -> str:
    """The text poppler extracts: ``-layout`` keeps the page layout, ``-raw`` the drawing order
    (a wrapped table cell stays in one piece)."""
    result = run("pdftotext", mode, str(pdf), "-")
    assert result.returncode == 0, result.stderr
    return result.stdout


def pdf_info(pdf: Path) -> dict[str, str]:
    result = run("pdfinfo", str(pdf))
    assert result.returncode == 0, result.stderr
    return dict(
        (key.strip(), value.strip())
        for key, _, value in (line.partition(":") for line in result.stdout.splitlines())
    )


def pdf_fonts(pdf: Path) -> list[dict[str, str]]:
    """pdffonts rows as dicts with name, type, emb."""
    result = run("pdffonts", str(pdf))
    assert result.returncode == 0, result.stderr
    rows = []
    for line in result.stdout.splitlines()[2:]:
        parts = line.split()
        # name type [type ...] encoding emb sub uni id gen: emb is 5th from the end
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def qpdf_check(pdf: Path) -> subprocess.CompletedProcess[str]:
    return run("qpdf", "--check", str(pdf))


def libreoffice_to_pdf(docx: Path, out_dir: Path) -> Path:
    """Convert a .docx with LibreOffice headless; return the PDF (asserted to exist and be non-empty).

    soffice exits 0 even when it fails, so the output file is what is checked.
    """
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        run(
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(docx),
            timeout=300,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = out_dir / (docx.stem + ".pdf")
    assert pdf.exists() and pdf.stat().st_size > 0, f"LibreOffice did not convert {docx}"
    return pdf
