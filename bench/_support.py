"""What every benchmark script shares: where its database lives."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sqlalchemy import create_engine, text


def database_url() -> str:
    """The benchmark's database URL, emptied first.

    `BENCH_DATABASE_URL` names a PostgreSQL database whose public schema is dropped and
    recreated (never point it at data you keep); otherwise a fresh SQLite file, or the file
    named by `BENCH_SQLITE` when a script supports reusing a database it built before.
    """
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        return url
    return f"sqlite:///{os.environ.get('BENCH_SQLITE') or Path(tempfile.mkdtemp()) / 'bench.db'}"
