"""Benchmark: certificate PDF rendering against a bare WeasyPrint render of the same HTML.

    .venv/bin/python bench/certificates_speed.py           # BENCH_RENDERS=50 BENCH_CLASS=500 by default

Prints the median milliseconds per certificate over `BENCH_RENDERS` renders through Lentera's
pipeline (Jinja template fed plain data, segno QR code, WeasyPrint with the static-only URL
fetcher), the median of a bare `weasyprint.HTML(string=…).write_pdf()` of the very same HTML
and stylesheet in the same run, their ratio, the time to serve a cached PDF, and the time
to render a class of `BENCH_CLASS` distinct certificates. Goal: ≤ 100 ms per certificate
and a ratio ≤ 1.3. WeasyPrint needs Debian's `libharfbuzz-subset0` (without it font
subsetting falls back to a pure-Python path that is several times slower).
"""

from __future__ import annotations

import ctypes.util
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import weasyprint
from weasyprint import CSS, HTML

from app import create_app
from app.certificates.pdf import (
    STYLESHEET,
    CertificateHtml,
    cached_pdf,
    certificate_html,
    certificate_to_pdf,
    static_root,
)
from app.certificates.rendering import reset_reused_state
from app.certificates.rules import new_verification_code, sha256_hex
from app.certificates.snapshot import CourseFacts, Holder, Issue, Signer, build_snapshot, seal

RENDERS = int(os.environ.get("BENCH_RENDERS", "50"))
CLASS_SIZE = int(os.environ.get("BENCH_CLASS", "500"))

COURSE = CourseFacts(
    code="PPP-01",
    title="Pelayanan Publik Prima bagi Aparatur Sipil Negara",
    jp=40,
    delivery="KL03",
    class_name="Angkatan II",
    starts_on=date(2026, 3, 2),
    ends_on=date(2026, 3, 6),
    location="Bandung",
    competencies=(
        ("M.3", "Komunikasi", 2, "b3d8c1a0-0000-4000-8000-000000000003"),
        ("M.5", "Pelayanan Publik", 3, "b3d8c1a0-0000-4000-8000-000000000005"),
        ("T.12", "Manajemen Pengaduan Masyarakat", 3, ""),
    ),
    outline=(
        "Kebijakan pelayanan publik",
        "Standar pelayanan dan maklumat",
        "Survei kepuasan masyarakat (SKM)",
        "Pengelolaan pengaduan",
        "Inovasi pelayanan publik",
        "Rencana aksi",
    ),
)
SIGNER = Signer(
    name="Ir. Bambang Hartono, M.M.",
    nip="197203151998031004",
    title="Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    agency="Badan Kepegawaian dan Pengembangan SDM Provinsi Jawa Barat",
    city="Bandung",
)


def snapshot_for(n: int) -> tuple[dict, str]:
    code = new_verification_code()
    issue = Issue(
        number=f"LENTERA/2026/{n:06d}",
        code=code,
        verify_url=f"https://lentera.example.go.id/verify/{code}",
        issued_on=date(2026, 3, 7),
        completed_on=date(2026, 3, 6),
        expires_on=date(2029, 3, 6),
        score=80 + n % 20,
        qualification="satisfactory",
    )
    holder = Holder(
        name=f"Pegawai Nomor {n} Kusumaningrum, S.Sos.",
        nip=f"19900517201503{2000 + n % 1000:04d}",
        position="Analis Sumber Daya Manusia Aparatur Ahli Muda",
        unit="Bidang Pengembangan Kompetensi Aparatur",
    )
    snapshot = build_snapshot(issue, holder, COURSE, SIGNER)
    return snapshot, seal(snapshot)[1]


def timed(renders: Iterable[Any]) -> tuple[float, float]:
    """Median wall-clock and median CPU milliseconds of the renders a lazy iterable performs.

    CPU time is what one render costs on an idle core; on a shared, loaded machine the
    wall-clock figure also counts the time spent waiting for a core.
    """
    wall, cpu = [], []
    iterator = iter(renders)
    while True:
        start, start_cpu = time.perf_counter(), time.process_time()
        try:
            next(iterator)
        except StopIteration:
            break
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def bare_weasyprint(html: CertificateHtml, root: Path) -> bytes:
    """The same HTML through plain WeasyPrint calls: nothing reused between renders."""
    base = str(root) + "/"
    stylesheets = [CSS(filename=str(root / STYLESHEET))]
    document = HTML(string=html.page, base_url=base).render(stylesheets=stylesheets)
    if html.annex is not None:
        annex = HTML(string=html.annex, base_url=base).render(stylesheets=stylesheets)
        document = document.copy([*document.pages, *annex.pages])
    return document.write_pdf()


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    database = f"sqlite:///{folder / 'bench.db'}"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database, "UPLOAD_FOLDER": str(folder)})
    with app.app_context():
        subset = ctypes.util.find_library("harfbuzz-subset")
        print(f"WeasyPrint {weasyprint.__version__}; libharfbuzz-subset: {subset or 'MISSING (slow!)'}")
        root = static_root()
        # RENDERS holders of one class: the page differs, the annex is the class's.
        snapshots = [snapshot_for(n) for n in range(1, RENDERS + 1)]
        holders = [certificate_html(s, d) for s, d in snapshots]
        one_page = [certificate_html({**s, "annex": False}, d) for s, d in snapshots]
        certificate_to_pdf(holders[0])  # warm up fonts and caches for both
        bare_weasyprint(holders[0], root)
        if os.environ.get("BENCH_GC_FREEZE", "1") == "1":
            gc.freeze()  # as wsgi.py does once the app is loaded
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; medians of {RENDERS}")
        ours = timed(map(certificate_to_pdf, holders))
        bare = timed(bare_weasyprint(h, root) for h in holders)
        report("Lentera, two pages (a class's annex laid out once)", ours)
        report("bare WeasyPrint, same HTML, nothing reused", bare)
        ratios = f"{ours[0] / bare[0]:.2f} wall, {ours[1] / bare[1]:.2f} CPU"
        print(f"ratio: {ratios}  (goal ≤ 1.3; ≤ 100 ms per certificate)")
        report("first certificate of a class (nothing reused yet)", timed(_cold(h) for h in holders))
        report("one page (annex off)", timed(map(certificate_to_pdf, one_page)))

        snapshot, digest = snapshot_for(1)
        data = cached_pdf(digest, lambda: certificate_to_pdf(certificate_html(snapshot, digest)))
        cached_ms, _cpu = timed(cached_pdf(digest, lambda: b"") for _ in range(RENDERS))
        print(f"cached PDF: median {cached_ms:.2f} ms ({len(data) // 1024} KB)")

        class_snapshots = [snapshot_for(n) for n in range(1, CLASS_SIZE + 1)]
        each: list[float] = []
        hashes: set[str] = set()
        collections = _count_collections()
        start, start_cpu = time.perf_counter(), time.process_time()
        for snapshot, digest in class_snapshots:
            began = time.perf_counter()
            hashes.add(sha256_hex(certificate_to_pdf(certificate_html(snapshot, digest))))
            each.append((time.perf_counter() - began) * 1000)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu
        gc.callbacks.remove(collections.callback)
        print(
            f"class of {CLASS_SIZE}: {seconds:.1f} s wall, {cpu_seconds:.1f} s CPU; per certificate "
            f"mean {statistics.mean(each):.0f} ms, median {statistics.median(each):.0f} ms, "
            f"95th percentile {statistics.quantiles(each, n=20)[-1]:.0f} ms ({len(hashes)} distinct PDFs)"
        )
        print(f"  garbage collector: {collections.seconds:.1f} s ({collections.full} full collections)")


class _Collections:
    """Time spent in the cyclic garbage collector while a benchmark runs."""

    def __init__(self) -> None:
        self.seconds, self.full, self._started = 0.0, 0, 0.0

    def callback(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        self.seconds += time.perf_counter() - self._started
        self.full += info["generation"] == 2


def _count_collections() -> _Collections:
    collections = _Collections()
    gc.callbacks.append(collections.callback)
    return collections


def report(label: str, medians: tuple[float, float]) -> None:
    """Print one figure: median wall-clock and CPU milliseconds."""
    print(f"{label}: {medians[0]:.1f} ms wall, {medians[1]:.1f} ms CPU")


def _cold(html: CertificateHtml) -> bytes:
    reset_reused_state()
    return certificate_to_pdf(html)


if __name__ == "__main__":
    main()
