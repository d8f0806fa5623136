"""What a complaint attachment may be: a PDF, JPEG or PNG under the size limit, never a program."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class FileKind:
    """An accepted file type: its MIME type, file name endings and leading bytes."""

    mime: str
    extensions: tuple[str, ...]
    magic: bytes


ACCEPTED: tuple[FileKind, ...] = (
    FileKind("application/pdf", (".pdf",), b"%PDF-"),
    FileKind("image/jpeg", (".jpg", ".jpeg"), b"\xff\xd8\xff"),
    FileKind("image/png", (".png",), b"\x89PNG\r\n\x1a\n"),
)
# Signatures of executables and scripts, refused with their own message.
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa")
EXECUTABLE_ENDINGS = (
    ".exe", ".com", ".bat", ".cmd", ".msi", ".scr", ".ps1", ".vbs", ".js", ".jar", ".sh", ".apk",
    ".dll", ".bin", ".elf", ".app", ".py", ".php",
)  # fmt: skip


class AttachmentError(ValueError):
    """The file is refused; the message says why in words a member of the public understands."""


def check_attachment(filename: str, head: bytes, size: int, max_bytes: int) -> FileKind:
    """Return the accepted kind of a file from its name, first bytes and size, or raise AttachmentError."""
    name = (filename or "").strip().lower()
    if size <= 0:
        raise AttachmentError(_l("The attached file is empty."))
    if size > max_bytes:
        raise AttachmentError(
            _l("The attached file is too large (at most %(mb)s MB).", mb=round(max_bytes / 1_048_576, 1))
        )
    if name.endswith(EXECUTABLE_ENDINGS) or head.startswith(EXECUTABLE_MAGIC):
        raise AttachmentError(_l("Programs and scripts cannot be attached."))
    for kind in ACCEPTED:
        if head.startswith(kind.magic):
            if not name.endswith(kind.extensions):
                raise AttachmentError(_l("The file's name does not match its contents."))
            return kind
    raise AttachmentError(_l("Attach a PDF, JPG or PNG file."))


def safe_filename(filename: str, kind: FileKind) -> str:
    """A plain file name for downloads: letters, digits, dot, dash and underscore only."""
    stem = (filename or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    cleaned = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in stem).lstrip("._") or "lampiran"
    if not cleaned.lower().endswith(kind.extensions):
        cleaned += kind.extensions[0]
    return cleaned[-100:]
