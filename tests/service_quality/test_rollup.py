"""Rolling per-unit sums up the materialised paths."""

from __future__ import annotations

from app.service_quality.services.rollup import ancestor_ids, roll_up, top_paths


def test_ancestor_ids() -> None:
    assert ancestor_ids("/1/4/9/") == [1, 4, 9]
    assert ancestor_ids("/7/") == [7]


def test_roll_up_adds_each_row_to_every_subject_above_it() -> None:
    rows = [("/1/4/9/", 3, 1), ("/1/4/", 2, 2), ("/1/5/", 10, None), ("/2/", 100, 1)]
    assert roll_up([1, 4, 9, 5], rows) == {1: [15.0, 3.0], 4: [5.0, 3.0], 9: [3.0, 1.0], 5: [10.0, 0.0]}
    assert roll_up([3], rows) == {}


def test_keyed_roll_up() -> None:
    rows = [("/1/4/", "U1", 7, 2), ("/1/5/", "U1", 8, 2), ("/1/5/", "U2", 4, 1)]
    assert roll_up([1, 5], rows, keyed=True) == {
        (1, "U1"): [15.0, 4.0],
        (5, "U1"): [8.0, 2.0],
        (1, "U2"): [4.0, 1.0],
        (5, "U2"): [4.0, 1.0],
    }


def test_top_paths_keep_only_the_outermost_subtrees() -> None:
    assert top_paths(["/1/4/9/", "/1/4/", "/2/", "/1/4/10/"]) == ["/2/", "/1/4/"]
    assert top_paths(["/1/", "/1/2/"]) == ["/1/"]
    assert top_paths(["/1/", "/11/"]) == ["/1/", "/11/"]
