"""Evidence: the shared entry point, current levels (highest, overrides, expiry) and manual records."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.competency.enums import EvidenceSource
from app.competency.models import Evidence
from app.competency.services import CompetencyError, record_evidence, record_manual_evidence
from app.competency.services.profile import current_levels_of
from app.errors import ForbiddenError
from app.extensions import db
from tests.competency.factories import add_evidence, fixed
from tests.factories import make_unit, make_user

TODAY = date.today()


def test_record_evidence_flushes_and_is_idempotent_per_reference():
    person = make_user()
    m1 = fixed("M.1")
    first = record_evidence(
        user_id=person.id, competency_id=m1.id, level=3, source="course", source_ref="enrollment:7"
    )
    assert first.id is not None and first.source == EvidenceSource.COURSE
    again = record_evidence(
        user_id=person.id, competency_id=m1.id, level=4, source="course", source_ref="enrollment:7"
    )
    assert again.id == first.id and again.level == 3
    count = db.session.scalar(select(db.func.count(Evidence.id)).where(Evidence.user_id == person.id))
    assert count == 1


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"level": 0}, "level"),
        ({"level": 6}, "level"),
        ({"level": "x"}, "level"),
        ({"source": "rumour"}, "source"),
        ({"competency_id": 999999}, "competency_id"),
        ({"user_id": 999999}, "user_id"),
        ({"override": True, "source": "evaluator", "note": "short"}, "note"),
        ({"override": True, "source": "assessment", "note": "long enough justification"}, "override"),
        ({"expires_on": "2020-13-01"}, "expires_on"),
        ({"expires_on": date(2000, 1, 1)}, "expires_on"),
    ],
)
def test_record_evidence_refuses_bad_input(kwargs, field):
    person = make_user()
    data = {"user_id": person.id, "competency_id": fixed("M.2").id, "level": 2, "source": "assessment"}
    data.update(kwargs)
    with pytest.raises(CompetencyError) as info:
        record_evidence(**data)
    assert field in info.value.fields
    assert db.session.scalar(select(db.func.count(Evidence.id)).where(Evidence.user_id == person.id)) == 0


def test_current_level_is_the_highest_valid_evidence():
    person = make_user()
    add_evidence(person, "M.1", 2)
    add_evidence(person, "M.1", 4)
    add_evidence(person, "M.1", 3)
    assert current_levels_of(person.id, TODAY)[fixed("M.1").id] == 4


def test_expired_evidence_stops_counting():
    person = make_user()
    add_evidence(person, "M.1", 2)
    add_evidence(person, "M.1", 5, expires_on=TODAY)  # expires today: no longer counts
    add_evidence(person, "M.2", 3, expires_on=TODAY + timedelta(days=1))
    levels = current_levels_of(person.id, TODAY)
    assert levels[fixed("M.1").id] == 2
    assert levels[fixed("M.2").id] == 3
    assert current_levels_of(person.id, TODAY - timedelta(days=1))[fixed("M.1").id] == 5


def test_future_evidence_does_not_count_yet():
    person = make_user()
    add_evidence(person, "M.3", 4, effective_on=TODAY + timedelta(days=3))
    assert fixed("M.3").id not in current_levels_of(person.id, TODAY)


def test_override_sets_the_level_and_later_evidence_can_raise_it():
    person = make_user()
    add_evidence(person, "M.4", 4)
    add_evidence(person, "M.4", 2, source=EvidenceSource.EVALUATOR, override=True)
    m4 = fixed("M.4").id
    assert current_levels_of(person.id, TODAY)[m4] == 2  # the override wins over older, higher evidence
    add_evidence(person, "M.4", 1)
    assert current_levels_of(person.id, TODAY)[m4] == 2  # lower newer evidence does not lower it
    add_evidence(person, "M.4", 3)
    assert current_levels_of(person.id, TODAY)[m4] == 3  # newer, higher evidence raises it again
    history = db.session.scalars(select(Evidence).where(Evidence.user_id == person.id)).all()
    assert len(history) == 4  # nothing is ever lost


def test_an_expired_override_no_longer_applies():
    person = make_user()
    add_evidence(person, "M.5", 4)
    add_evidence(person, "M.5", 1, source=EvidenceSource.EVALUATOR, override=True, expires_on=TODAY)
    assert current_levels_of(person.id, TODAY)[fixed("M.5").id] == 4


def test_evaluator_override_is_audited_with_its_justification():
    unit = make_unit()
    evaluator = make_user(roles=["evaluator"], unit=unit)
    person = make_user(unit=unit)
    add_evidence(person, "M.2", 4)
    data = {
        "competency_id": fixed("M.2").id,
        "level": 2,
        "source": "evaluator",
        "override": True,
        "note": "Observed repeatedly failing to cooperate in 2026.",
    }
    evidence = record_manual_evidence(evaluator, person, data)
    assert evidence.override and evidence.recorded_by_id == evaluator.id
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.subject_id == evidence.id))
    assert entry.action == "competency.override"
    assert entry.details["previous_level"] == 4 and entry.details["level"] == 2
    assert "cooperate" in entry.details["note"]


def test_override_without_justification_is_refused():
    unit = make_unit()
    evaluator = make_user(roles=["evaluator"], unit=unit)
    person = make_user(unit=unit)
    data = {
        "competency_id": fixed("M.2").id,
        "level": 2,
        "source": "evaluator",
        "override": True,
        "note": " ",
    }
    with pytest.raises(CompetencyError) as info:
        record_manual_evidence(evaluator, person, data)
    assert "note" in info.value.fields


def test_who_may_record_what():
    unit, other = make_unit(), make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    evaluator = make_user(roles=["evaluator"], unit=unit)
    person = make_user(unit=unit)
    stranger = make_user(unit=other)
    base = {"competency_id": fixed("M.1").id, "level": 3, "note": "ok"}
    record_manual_evidence(hr, person, {**base, "source": "assessment"})
    with pytest.raises(ForbiddenError):
        record_manual_evidence(hr, person, {**base, "source": "evaluator"})
    with pytest.raises(ForbiddenError):
        record_manual_evidence(evaluator, person, {**base, "source": "assessment"})
    with pytest.raises(ForbiddenError):
        record_manual_evidence(hr, stranger, {**base, "source": "assessment"})
    with pytest.raises(CompetencyError):
        record_manual_evidence(hr, hr, {**base, "source": "assessment"})
    with pytest.raises(CompetencyError) as info:
        record_manual_evidence(hr, person, {**base, "source": "course"})
    assert "source" in info.value.fields


def test_prior_learning_needs_a_valid_document(app):
    unit = make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    person = make_user(unit=unit)
    data = {"competency_id": fixed("M.6").id, "level": 3, "source": "prior_learning", "note": "Diploma"}
    with pytest.raises(CompetencyError) as info:
        record_manual_evidence(hr, person, data)
    assert "document" in info.value.fields
    with pytest.raises(CompetencyError) as info:
        record_manual_evidence(hr, person, data, (b"MZ\x90\x00 not a pdf", "proof.pdf"))
    assert "document" in info.value.fields
    with pytest.raises(CompetencyError):
        record_manual_evidence(hr, person, data, (b"%PDF-1.4 ...", "proof.exe"))
    evidence = record_manual_evidence(hr, person, data, (b"%PDF-1.4 minimal", "ijazah.pdf"))
    assert evidence.document_path.startswith("competency/") and evidence.document_path.endswith(".pdf")
