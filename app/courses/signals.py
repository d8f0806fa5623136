"""Signals other packages subscribe to (certificates issues one on `enrollment_completed`)."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# Sent after an enrollment completes, inside the same transaction:
# `enrollment_completed.send(app.courses.signals, enrollment=enrollment)`.
enrollment_completed = _signals.signal("enrollment-completed")

# Sent when an enrollment fails: `enrollment_failed.send(app.courses.signals, enrollment=enrollment)`.
enrollment_failed = _signals.signal("enrollment-failed")
