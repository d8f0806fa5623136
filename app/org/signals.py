"""Events other packages subscribe to (for example, pre-filling a new position's standard)."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

# Sent with `position=<Position>` after a new position is flushed.
position_created = _signals.signal("position-created")
