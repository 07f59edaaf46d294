"""Pictures of generated documents for people to look at: the first page of a PDF as PNG in
``artifacts/`` (git-ignored), made with pdftoppm from poppler-utils, which .ci/run installs."""

import shutil
import subprocess
from pathlib import Path

ARTEFAKTE = Path(__file__).resolve().parents[1] / "artifacts"


def bild(pdf: bytes, name: str) -> None:
    """The first page as PNG in artifacts/ for people to look at (pdftoppm from poppler-utils)."""
    if not shutil.which("pdftoppm"):
        return
    ARTEFAKTE.mkdir(exist_ok=True)
    ziel = ARTEFAKTE / name
    ziel.with_suffix(".pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(ziel.with_suffix(".pdf")),
            str(ziel),
        ],
        check=True,
    )
