"""Materials (ordered text, links and files, each optionally required) and the learner's progress."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.courses.completion import try_complete
from app.courses.enums import IN_PROGRESS_STATUSES, MaterialKind
from app.courses.models import Course, Enrollment, Material, MaterialProgress
from app.courses.rules import progress_percent
from app.courses.services.common import CourseConflictError, CourseError, clean_text, clean_url
from app.courses.services.uploads import delete_after_commit, delete_after_rollback, store_material_file
from app.db import utcnow
from app.errors import NotFoundError
from app.extensions import db
from app.validation import FieldErrors, raise_if_errors

MAX_BODY = 100_000


def _clean_material(
    data: dict[str, Any], material: Material | None, upload: tuple[bytes, str] | None
) -> tuple[dict[str, Any], FieldErrors]:
    errors = FieldErrors()
    kind_value = data.get("kind", material.kind if material else None)
    kind = MaterialKind(str(kind_value)) if str(kind_value) in {k.value for k in MaterialKind} else None
    if kind is None:
        errors.add("kind", _l("Choose text, link or file."))
    elif material is not None and kind != material.kind:
        errors.add("kind", _l("The kind of a material cannot change; add a new one instead."))
    clean: dict[str, Any] = {
        "kind": kind,
        "title": clean_text(
            data.get("title", material.title if material else ""),
            errors,
            "title",
            max_length=200,
            required=True,
        ),
        "required": bool(data.get("required", material.required if material else True)),
    }
    if kind == MaterialKind.TEXT:
        clean["body"] = clean_text(
            data.get("body", material.body if material else ""),
            errors,
            "body",
            max_length=MAX_BODY,
            required=True,
        )
    elif kind == MaterialKind.LINK:
        clean["url"] = clean_url(
            data.get("url", material.url if material else ""), errors, "url", required=True
        )
    elif kind == MaterialKind.FILE and material is None and upload is None:
        errors.add("file", _l("Choose a file to upload."))
    return clean, errors


def _attach_file(material: Material, upload: tuple[bytes, str]) -> None:
    """Store the upload and point the material at it (the file goes again if the change rolls back)."""
    stored = store_material_file(*upload)
    delete_after_rollback(stored.path)
    material.file_path, material.file_name = stored.path, stored.name
    material.file_size, material.content_type = stored.size, stored.content_type


def add_material(
    actor: Any, course: Course, data: dict[str, Any], upload: tuple[bytes, str] | None = None
) -> Material:
    """Append a material to the course; a file is checked (type, size) and stored only when all is valid."""
    clean, errors = _clean_material(data, None, upload)
    raise_if_errors(errors, CourseError)
    position = db.session.scalar(
        select(func.coalesce(func.max(Material.position), 0)).where(Material.course_id == course.id)
    )
    material = Material(course_id=course.id, position=int(position) + 1, **clean)
    if clean["kind"] == MaterialKind.FILE and upload is not None:
        _attach_file(material, upload)
    db.session.add(material)
    db.session.flush()
    return material


def update_material(
    actor: Any, material: Material, data: dict[str, Any], upload: tuple[bytes, str] | None = None
) -> Material:
    """Change a material's title, text, link or required flag, or replace its file."""
    clean, errors = _clean_material(data, material, upload)
    raise_if_errors(errors, CourseError)
    for name, value in clean.items():
        setattr(material, name, value)
    if material.kind == MaterialKind.FILE and upload is not None:
        delete_after_commit(material.file_path)  # the old file, once the new one is committed
        _attach_file(material, upload)
    db.session.flush()
    return material


def move_material(actor: Any, material: Material, direction: int) -> None:
    """Swap a material with its neighbour (direction −1 up, +1 down); positions are renumbered 1…n."""
    materials = list(
        db.session.scalars(
            select(Material)
            .where(Material.course_id == material.course_id)
            .order_by(Material.position, Material.id)
        )
    )
    index = next(i for i, m in enumerate(materials) if m.id == material.id)
    other = index + (1 if direction > 0 else -1)
    if 0 <= other < len(materials):
        materials[index], materials[other] = materials[other], materials[index]
    for number, item in enumerate(materials, start=1):
        item.position = number
    db.session.flush()


def delete_material(actor: Any, material: Material) -> None:
    """Remove a material (its progress rows go with it) and refresh the progress of open enrollments.

    Its file leaves the disk after the commit.
    """
    course_id = material.course_id
    delete_after_commit(material.file_path)
    db.session.delete(material)
    db.session.flush()
    refresh_course_progress(course_id)


def _required_total(course_id: int) -> int:
    return int(
        db.session.scalar(
            select(func.count(Material.id)).where(
                Material.course_id == course_id, Material.required.is_(True)
            )
        )
        or 0
    )


def recompute_progress(enrollment: Enrollment) -> int:
    """Update and return the enrollment's share of required materials done."""
    done = db.session.scalar(
        select(func.count(MaterialProgress.id))
        .join(Material, Material.id == MaterialProgress.material_id)
        .where(
            MaterialProgress.enrollment_id == enrollment.id,
            MaterialProgress.completed_at.is_not(None),
            Material.required.is_(True),
        )
    )
    enrollment.progress_percent = progress_percent(int(done or 0), _required_total(enrollment.course_id))
    db.session.flush()
    return enrollment.progress_percent


def refresh_course_progress(course_id: int) -> None:
    """Recompute progress for the course's in-progress enrollments (after materials change)."""
    for enrollment in db.session.scalars(
        select(Enrollment).where(
            Enrollment.course_id == course_id, Enrollment.status.in_(IN_PROGRESS_STATUSES)
        )
    ):
        recompute_progress(enrollment)


def _check_learner(actor: Any, enrollment: Enrollment, material: Material) -> None:
    if enrollment.user_id != actor.id or material.course_id != enrollment.course_id:
        raise NotFoundError(str(_l("Unknown material.")))
    if enrollment.status not in IN_PROGRESS_STATUSES:
        message = str(_l("Materials open once you hold a seat in the class."))
        raise CourseConflictError(message, {"material_id": [message]})


def _progress_row(enrollment: Enrollment, material: Material) -> MaterialProgress:
    row = db.session.scalar(
        select(MaterialProgress).where(
            MaterialProgress.enrollment_id == enrollment.id, MaterialProgress.material_id == material.id
        )
    )
    if row is None:
        row = MaterialProgress(enrollment_id=enrollment.id, material_id=material.id, opened_at=utcnow())
        db.session.add(row)
        db.session.flush()
    return row


def open_material(actor: Any, enrollment: Enrollment, material: Material) -> MaterialProgress | None:
    """Record that the learner opened a material (once); None when the enrollment is not in progress."""
    if enrollment.user_id != actor.id or enrollment.status not in IN_PROGRESS_STATUSES:
        return None
    return _progress_row(enrollment, material)


def mark_done(actor: Any, enrollment: Enrollment, material: Material) -> Enrollment:
    """The learner marks a material done; progress is recomputed and completion tried (idempotent)."""
    _check_learner(actor, enrollment, material)
    row = _progress_row(enrollment, material)
    if row.completed_at is None:
        row.completed_at = utcnow()
        db.session.flush()
    recompute_progress(enrollment)
    try_complete(enrollment, actor_id=actor.id)
    return enrollment


def done_material_ids(enrollment: Enrollment) -> set[int]:
    """Ids of the materials marked done in this enrollment."""
    return set(
        db.session.scalars(
            select(MaterialProgress.material_id).where(
                MaterialProgress.enrollment_id == enrollment.id, MaterialProgress.completed_at.is_not(None)
            )
        )
    )
