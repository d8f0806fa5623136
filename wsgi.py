"""WSGI entry point: `gunicorn wsgi:app` or `flask --app wsgi run`."""

import gc

from app import create_app

app = create_app()
# Everything loaded so far (the app, its templates, SQLAlchemy's mappers, WeasyPrint) lives as
# long as the process: keep it out of the cyclic garbage collector's full collections, which
# otherwise rescan it every few requests (bench/certificates_speed.py measures the effect).
gc.freeze()
