"""A .doc (Word 97–2003) or WPS file, or RTF: converted to .docx by LibreOffice headless, then
read as a Word file (:mod:`.word_file`).

LibreOffice is Debian's ``libreoffice-writer-nogui`` (command ``soffice`` or ``libreoffice``).
Where it is not installed the file is refused with one line naming the package (or: save the
file as .docx in Word or WPS). The conversion runs in a temporary folder of its own, with a
profile of its own (so a LibreOffice the user has open is left alone), within
``CONVERT_SECONDS``; the converted file goes through the same checks as any Word file.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

from .base import Imported, Importer, refused, register
from .word_file import WordImporter

#: The OLE2 compound file of Word 97–2003 and WPS documents; RTF's opening.
OLE2_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
RTF_MAGIC = b"{\\rtf"
PACKAGE = "libreoffice-writer-nogui"
COMMANDS = ("soffice", "libreoffice")
#: A conversion that takes longer than this is stopped and the file refused.
CONVERT_SECONDS = 180


def office_command() -> str | None:
    """The LibreOffice command installed, or None."""
    return next((found for name in COMMANDS if (found := shutil.which(name))), None)


@register
class OfficeImporter(Importer):
    format = "office"
    extension = "doc"
    order = 30

    def sniff(self, head: bytes) -> bool:
        return head.startswith(OLE2_MAGIC) or head.startswith(RTF_MAGIC)

    def parse(self, data: bytes, path: Path) -> Imported:
        command = office_command()
        if command is None:
            raise refused(
                path,
                f"a .doc or WPS file: reading it needs LibreOffice (Debian's {PACKAGE}: "
                f"apt-get install {PACKAGE}), or save it as .docx and import that",
            )
        extension = "rtf" if data.startswith(RTF_MAGIC) else _ole_extension(path)
        with tempfile.TemporaryDirectory(prefix="policy-review-import-") as folder:
            work = Path(folder)
            source = work / f"original.{extension}"
            source.write_bytes(data)
            converted = convert(command, source, work, path)
            imported = WordImporter().parse(converted, path)
        note = f"converted from .{extension} to .docx by LibreOffice ({Path(command).name} --headless)"
        return replace(imported, format=self.format, extension=extension, notes=(*imported.notes, note))


def _ole_extension(path: Path) -> str:
    """The extension the original is kept with: .wps or .doc as the file was named, else .doc
    (the format itself was told by the bytes)."""
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in ("doc", "wps", "dot", "wpt") else "doc"


def convert(command: str, source: Path, work: Path, path: Path) -> bytes:
    """The .docx LibreOffice makes of ``source`` (in ``work``); the file refused when it cannot."""
    profile = (work / "profile").as_uri()
    try:
        done = subprocess.run(
            [
                command,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "docx",
                "--outdir",
                str(work / "out"),
                str(source),
            ],
            capture_output=True,
            timeout=CONVERT_SECONDS,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        raise refused(
            path, f"LibreOffice did not convert it within {CONVERT_SECONDS} s; save it as .docx"
        ) from None
    result = work / "out" / f"{source.stem}.docx"
    if done.returncode != 0 or not result.is_file():
        said = (done.stderr or done.stdout).decode("utf-8", "replace").strip().splitlines()
        raise refused(
            path, f"LibreOffice could not convert it ({said[-1] if said else 'no output'}); save it as .docx"
        )
    return result.read_bytes()
