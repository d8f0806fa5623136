"""The catalog: HR creates and edits courses; everyone searches, filters and sorts published ones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, exists, false, func, or_, select
from sqlalchemy.orm import selectinload

from app.audit.services import record_audit
from app.competency.enums import CompetencyKind
from app.competency.models import Competency
from app.competency.services.recommendations import Gap
from app.courses.enums import CourseStatus, DeliveryForm
from app.courses.models import Course, CourseCompetency, course_prerequisites
from app.courses.services.common import (
    MAX_JP,
    MAX_VALIDITY_MONTHS,
    CourseConflictError,
    CourseError,
    clean_int,
    clean_text,
    valid_id,
)
from app.courses.services.lifecycle import audit_status_change
from app.extensions import db
from app.validation import FieldErrors, raise_if_errors

CODE_MAX = 30
SORTS = ("title", "code", "jp_asc", "jp_desc", "newest")
DELIVERY_GROUPS = {
    "KL": [d for d in DeliveryForm if d.classical],
    "NKL": [d for d in DeliveryForm if not d.classical],
}


@dataclass(frozen=True)
class CatalogFilters:
    """What the catalog page and the API filter on (all optional)."""

    q: str = ""
    competency_id: int | None = None
    kind: str = ""
    delivery: str = ""
    jp_min: float | None = None
    jp_max: float | None = None
    gaps: Sequence[Gap] | None = None  # "closes my gaps": the viewer's gaps
    status: str = ""  # managers only; employees always see published courses
    sort: str = "title"


def _clean_jp(value: Any, errors: FieldErrors) -> float:
    try:
        jp = round(float(str(value).strip()), 2) if not isinstance(value, bool) else 0.0
    except (TypeError, ValueError, OverflowError):
        jp = 0.0
    if not 0 < jp <= MAX_JP:  # also refuses NaN, and amounts that round to 0.00
        errors.add("jp", _l("Enter JP greater than 0 and at most %(n)s.", n=MAX_JP))
    return jp


def _clean_competencies(items: Any, errors: FieldErrors) -> list[tuple[int, int]]:
    if items in (None, ""):
        return []
    if not isinstance(items, list | tuple):
        errors.add("competencies", _l("Give a list of competencies with a target level."))
        return []
    result: list[tuple[int, int]] = []
    for item in items:
        competency_id = valid_id(item.get("competency_id")) if isinstance(item, dict) else None
        level = item.get("target_level") if isinstance(item, dict) else None
        if competency_id is None:
            errors.add("competencies", _l("Unknown competency."))
            continue
        if isinstance(level, bool) or str(level).strip() not in {"1", "2", "3", "4", "5"}:
            errors.add("competencies", _l("Choose a target level from 1 to 5."))
            continue
        if any(c == competency_id for c, _ in result):
            errors.add("competencies", _l("Each competency may appear only once."))
            continue
        result.append((competency_id, int(str(level).strip())))
    if result:
        known = set(
            db.session.scalars(select(Competency.id).where(Competency.id.in_([c for c, _ in result])))
        )
        if len(known) != len(result):
            errors.add("competencies", _l("Unknown competency."))
    return result


def _prerequisite_pairs() -> dict[int, set[int]]:
    graph: dict[int, set[int]] = {}
    for course_id, prerequisite_id in db.session.execute(select(course_prerequisites)):
        graph.setdefault(course_id, set()).add(prerequisite_id)
    return graph


def _clean_prerequisites(ids: Any, course: Course | None, errors: FieldErrors) -> list[Course]:
    if ids in (None, ""):
        return []
    if not isinstance(ids, list | tuple):
        errors.add("prerequisite_ids", _l("Unknown course."))
        return []
    clean = [valid_id(i) for i in ids]
    if any(i is None for i in clean):
        errors.add("prerequisite_ids", _l("Unknown course."))
        return []
    wanted = sorted({i for i in clean if i is not None})
    found = list(db.session.scalars(select(Course).where(Course.id.in_(wanted)))) if wanted else []
    if len(found) != len(wanted):
        errors.add("prerequisite_ids", _l("Unknown course."))
        return []
    if course is not None and course.id is not None:
        if course.id in wanted:
            errors.add("prerequisite_ids", _l("A course cannot be its own prerequisite."))
            return []
        graph = _prerequisite_pairs()  # would any prerequisite (transitively) need this course?
        stack, seen = list(wanted), set()
        while stack:
            current = stack.pop()
            if current == course.id:
                errors.add("prerequisite_ids", _l("These prerequisites would form a cycle."))
                return []
            if current not in seen:
                seen.add(current)
                stack.extend(graph.get(current, ()))
    return found


def _clean_course(data: dict[str, Any], course: Course | None) -> tuple[dict[str, Any], FieldErrors]:
    errors = FieldErrors()
    clean: dict[str, Any] = {}
    code = str(data.get("code", course.code if course else "") or "").strip().upper()
    if not code:
        errors.add("code", _l("This field is required."))
    elif len(code) > CODE_MAX or not all(ch.isalnum() or ch in ".-_/" for ch in code):
        errors.add("code", _l("Use up to 30 letters, digits, dots, dashes or slashes."))
    clean["code"] = code
    clean["title"] = clean_text(
        data.get("title", course.title if course else ""), errors, "title", max_length=200, required=True
    )
    clean["description"] = clean_text(
        data.get("description", course.description if course else ""), errors, "description", max_length=20000
    )
    clean["jp"] = _clean_jp(data.get("jp", course.jp if course else None), errors)
    delivery = data.get("delivery", course.delivery if course else None)
    if str(delivery) not in DeliveryForm.__members__:
        errors.add("delivery", _l("Choose one of the listed delivery forms."))
    else:
        clean["delivery"] = DeliveryForm(str(delivery))
    status = data.get("status", course.status if course else CourseStatus.DRAFT)
    if str(status) not in {s.value for s in CourseStatus}:
        errors.add("status", _l("Choose draft or published."))
    else:
        clean["status"] = CourseStatus(str(status))
        _check_transition(course, clean["status"], errors)
    clean["validity_months"] = clean_int(
        data.get("validity_months", course.validity_months if course else None),
        errors,
        "validity_months",
        minimum=1,
        maximum=MAX_VALIDITY_MONTHS,
        required=False,
    )
    clean["allow_level_above_target"] = bool(
        data.get("allow_level_above_target", course.allow_level_above_target if course else False)
    )
    if "competencies" in data or course is None:
        clean["competencies"] = _clean_competencies(data.get("competencies"), errors)
    if "prerequisite_ids" in data or course is None:
        clean["prerequisites"] = _clean_prerequisites(data.get("prerequisite_ids"), course, errors)
    if code and "code" not in errors:
        taken = select(Course.id).where(func.upper(Course.code) == code)
        if course is not None and course.id is not None:
            taken = taken.where(Course.id != course.id)
        if db.session.scalar(taken) is not None:
            errors.add("code", _l("Another course already uses this code."))
            clean["code_taken"] = True
    return clean, errors


def _check_transition(course: Course | None, status: CourseStatus, errors: FieldErrors) -> None:
    """New courses start as drafts or published; an archived course is restored to draft first."""
    if course is None and status == CourseStatus.ARCHIVED:
        errors.add("status", _l("A new course is a draft or published."))
    elif course is not None and course.archived and status == CourseStatus.PUBLISHED:
        errors.add("status", _l("Restore an archived course to draft before publishing it."))


def _apply(course: Course, clean: dict[str, Any]) -> None:
    for name in ("code", "title", "description", "jp", "delivery", "status", "validity_months"):
        setattr(course, name, clean[name])
    course.allow_level_above_target = clean["allow_level_above_target"]
    if "competencies" in clean:
        wanted = dict(clean["competencies"])
        for link in list(course.competencies):
            if link.competency_id not in wanted:
                course.competencies.remove(link)
            else:
                link.target_level = wanted.pop(link.competency_id)
        for competency_id, level in wanted.items():
            course.competencies.append(CourseCompetency(competency_id=competency_id, target_level=level))
    if "prerequisites" in clean:
        course.prerequisites = clean["prerequisites"]


def _raise(clean: dict[str, Any], errors: FieldErrors) -> None:
    if clean.get("code_taken") and len(errors) == 1:  # only the duplicate code: a conflict (409)
        raise CourseConflictError(errors["code"][0], dict(errors))
    raise_if_errors(errors, CourseError)


def create_course(actor: Any, data: dict[str, Any]) -> Course:
    """Add a course (draft unless `status` says published); flushes and audits."""
    clean, errors = _clean_course(data, None)
    _raise(clean, errors)
    course = Course(created_by_id=getattr(actor, "id", None))
    _apply(course, clean)
    db.session.add(course)
    db.session.flush()
    record_audit(
        "course.created",
        actor_id=getattr(actor, "id", None),
        subject_type="course",
        subject_id=course.id,
        details={"code": course.code, "status": course.status.value},
    )
    return course


def update_course(actor: Any, course: Course, data: dict[str, Any]) -> Course:
    """Change a course; only the keys present in `data` change (competencies replace the set).

    `status: archived` archives it and `draft` restores an archived one (both audited).
    """
    clean, errors = _clean_course(data, course)
    _raise(clean, errors)
    before = course.status
    _apply(course, clean)
    db.session.flush()
    audit_status_change(actor, course, before)
    return course


def closes_gaps_condition(gaps: Sequence[Gap]) -> Any:
    """SQL condition on `Course`: it develops a gap's competency to at least the required level."""
    wanted = [g for g in gaps if g.gap < 0]
    if not wanted:
        return false()
    return exists(
        select(CourseCompetency.id).where(
            CourseCompetency.course_id == Course.id,
            or_(
                *(
                    and_(
                        CourseCompetency.competency_id == g.competency_id,
                        CourseCompetency.target_level >= g.required_level,
                    )
                    for g in wanted
                )
            ),
        )
    )


def _search_condition(q: str) -> Any:
    """Every word appears in the title, the description or the code (case-insensitive)."""
    conditions = [
        or_(
            Course.title.icontains(word, autoescape=True),
            Course.description.icontains(word, autoescape=True),
            Course.code.icontains(word, autoescape=True),
        )
        for word in q.split()[:8]
    ]
    return and_(*conditions)


def catalog_query(filters: CatalogFilters, *, manager: bool = False) -> Select:
    """Select of courses matching the filters, with their competencies eager-loaded (for cards)."""
    query = select(Course).options(selectinload(Course.competencies))
    if manager and filters.status in {s.value for s in CourseStatus}:
        query = query.where(Course.status == CourseStatus(filters.status))
    elif manager:  # archived courses only when asked for
        query = query.where(Course.status != CourseStatus.ARCHIVED)
    else:
        query = query.where(Course.status == CourseStatus.PUBLISHED)
    if filters.q.strip():
        query = query.where(_search_condition(filters.q.strip()[:200]))
    if filters.competency_id:
        query = query.where(
            exists().where(
                CourseCompetency.course_id == Course.id,
                CourseCompetency.competency_id == filters.competency_id,
            )
        )
    if filters.kind in {k.value for k in CompetencyKind}:
        query = query.where(
            exists()
            .where(CourseCompetency.course_id == Course.id)
            .where(
                CourseCompetency.competency_id == Competency.id,
                Competency.kind == CompetencyKind(filters.kind),
            )
        )
    if filters.delivery in DeliveryForm.__members__:
        query = query.where(Course.delivery == DeliveryForm(filters.delivery))
    elif filters.delivery in DELIVERY_GROUPS:  # "KL": every classical form, "NKL": every non-classical one
        query = query.where(Course.delivery.in_(DELIVERY_GROUPS[filters.delivery]))
    if filters.jp_min is not None:
        query = query.where(Course.jp >= filters.jp_min)
    if filters.jp_max is not None:
        query = query.where(Course.jp <= filters.jp_max)
    if filters.gaps is not None:
        query = query.where(closes_gaps_condition(filters.gaps))
    order = {
        "code": (Course.code,),
        "jp_asc": (Course.jp, Course.title),
        "jp_desc": (Course.jp.desc(), Course.title),
        "newest": (Course.created_at.desc(), Course.id.desc()),
    }.get(filters.sort, (Course.title, Course.code))
    return query.order_by(*order, Course.id)
