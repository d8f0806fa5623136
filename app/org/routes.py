"""People pages: list, create, edit, (de)activate, and the CSV import."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from app.errors import ServiceError
from app.extensions import db
from app.http import bounded_int_arg
from app.org.choices import position_choices, unit_choices
from app.org.csv_format import MAX_IMPORT_BYTES, CsvFormatError
from app.org.forms import ImportApplyForm, ImportUploadForm, PeopleFilterForm, PersonForm
from app.org.importing import (
    ALIASES,
    apply_import,
    discard_upload,
    preview_import,
    stash_upload,
    take_upload,
)
from app.org.loaders import person_to_manage, person_to_view
from app.org.models import User
from app.org.people import create_person, people_query, people_rows, update_person
from app.org.permissions import can_manage_person
from app.reports.exports import Export, export_format, export_response
from app.security import Role, access
from app.ui.forms import apply_service_error
from app.ui.pagination import page_args

bp = Blueprint("org", __name__, template_folder="templates")

MANAGERS = (Role.HR, Role.ADMIN)


@bp.get("/people")
@access(*MANAGERS)
def people():
    """People the user manages: search, filter by unit/role/status, paginate."""
    form = PeopleFilterForm(request.args)
    form.unit_id.choices = unit_choices(current_user, blank=_("All units"))
    status = request.args.get("status", "active")
    query = people_query(
        current_user,
        q=request.args.get("q", "")[:100],
        unit_id=bounded_int_arg("unit_id"),
        role=request.args.get("role") or None,
        active={"active": True, "inactive": False}.get(status),
    )
    fmt = export_format()
    if fmt:
        return export_response(_people_export(query), fmt)
    page, per_page = page_args()
    pagination = db.paginate(query, page=page, per_page=per_page, error_out=False)
    return render_template("org/people.html", form=form, pagination=pagination)


def _people_export(query) -> Export:
    """The filtered people list as a table (every page), read in batches."""
    header = ["NIP", _("Name"), _("Username"), _("E-mail"), _("Unit"), _("Position"), _("Employment"),
              _("Roles"), _("Active")]  # fmt: skip

    return Export(header, people_rows(query), "people", sheet=_("People"))


def _person_form(person: User | None = None) -> PersonForm:
    form = PersonForm(obj=person)
    form.unit_id.choices = unit_choices(current_user, blank=_("— choose a unit —"))
    form.position_id.choices = position_choices(keep_id=person.position_id if person else None)
    if person is not None and request.method == "GET":
        form.roles.data = [r.value for r in person.roles]
        form.supervisor_username.data = person.supervisor.username if person.supervisor else ""
        form.unit_id.data = person.unit_id or 0
        form.position_id.data = person.position_id or 0
    elif person is None and request.method == "GET":
        form.roles.data = [Role.EMPLOYEE.value]
    return form


def _form_data(form: PersonForm) -> dict:
    data = {
        "username": form.username.data,
        "name": form.name.data,
        "email": form.email.data,
        "nip": form.nip.data,
        "unit_id": form.unit_id.data or None,
        "position_id": form.position_id.data or None,
        "employment": form.employment.data,
        "appointed_on": form.appointed_on.data,
        "roles": form.roles.data or [],
    }
    if form.password.data:
        data["password"] = form.password.data
    supervisor = (form.supervisor_username.data or "").strip().lower()
    data["supervisor_id"] = None
    if supervisor:
        data["supervisor_id"] = (
            db.session.scalar(select(User.id).where(func.lower(User.username) == supervisor)) or -1
        )
    return data


def _save_person(form: PersonForm, person: User | None):
    try:
        data = _form_data(form)
        saved = (
            create_person(current_user, data) if person is None else update_person(current_user, person, data)
        )
    except ServiceError as exc:
        db.session.rollback()
        if "supervisor_id" in exc.fields:
            exc.fields["supervisor_username"] = exc.fields.pop("supervisor_id")
        apply_service_error(form, exc)
        return None
    db.session.commit()
    return saved


@bp.route("/people/new", methods=["GET", "POST"])
@access(*MANAGERS)
def person_new():
    """Add a person to a unit the user manages."""
    form = _person_form()
    if form.validate_on_submit() and (person := _save_person(form, None)) is not None:
        flash(_("%(name)s was added.", name=person.name), "success")
        return redirect(url_for("org.person_detail", user_id=person.id))
    return render_template("org/person_form.html", form=form, person=None)


@bp.get("/people/<int:user_id>")
@access(Role.HR, Role.ADMIN, Role.EVALUATOR)
def person_detail(user_id: int):
    """A person's record, with links other packages add (profile, merit …)."""
    person = person_to_view(user_id)
    return render_template(
        "org/person_detail.html", person=person, can_manage=can_manage_person(current_user, person)
    )


@bp.route("/people/<int:user_id>/edit", methods=["GET", "POST"])
@access(*MANAGERS)
def person_edit(user_id: int):
    """Edit a person the user manages."""
    person = person_to_manage(user_id)
    form = _person_form(person)
    if form.validate_on_submit() and _save_person(form, person) is not None:
        flash(_("Changes saved."), "success")
        return redirect(url_for("org.person_detail", user_id=person.id))
    return render_template("org/person_form.html", form=form, person=person)


@bp.post("/people/<int:user_id>/active")
@access(*MANAGERS)
def person_set_active(user_id: int):
    """Deactivate or reactivate a person (`active=0|1`)."""
    person = person_to_manage(user_id)
    active = request.form.get("active") == "1"
    try:
        update_person(current_user, person, {"active": active})
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message, "danger")
    else:
        db.session.commit()
        flash(
            _("%(name)s is active again.", name=person.name)
            if active
            else _("%(name)s was deactivated and can no longer sign in.", name=person.name),
            "success",
        )
    return redirect(url_for("org.person_detail", user_id=person.id))


@bp.route("/import", methods=["GET", "POST"])
@access(*MANAGERS)
def import_upload():
    """Upload a CSV and see the dry-run preview with every row's errors."""
    form = ImportUploadForm()
    preview, token = None, None
    if form.validate_on_submit():
        raw = form.file.data.read(MAX_IMPORT_BYTES + 1)
        try:
            preview = preview_import(current_user, form.kind.data, raw)
        except CsvFormatError as exc:
            form.file.errors.append(str(exc.args[0]))
        except ServiceError as exc:
            apply_service_error(form, exc)
        else:
            token = stash_upload(current_app.config["UPLOAD_FOLDER"], current_user.id, raw)
    apply_form = ImportApplyForm(formdata=None, token=token, kind=form.kind.data)
    return render_template(
        "org/import.html", form=form, preview=preview, apply_form=apply_form, aliases=ALIASES
    )


@bp.post("/import/apply")
@access(*MANAGERS)
def import_apply():
    """Apply a previewed file: all rows or nothing."""
    form = ImportApplyForm()
    if not form.validate_on_submit():
        flash(_("Tick the confirmation box to apply the import."), "danger")
        return redirect(url_for("org.import_upload"))
    raw = take_upload(current_app.config["UPLOAD_FOLDER"], current_user.id, form.token.data)
    if raw is None:
        flash(_("The uploaded file has expired. Please upload it again."), "danger")
        return redirect(url_for("org.import_upload"))
    try:
        result = apply_import(current_user, form.kind.data, raw)
    except (ServiceError, CsvFormatError) as exc:
        db.session.rollback()
        flash(getattr(exc, "message", None) or str(exc.args[0]), "danger")
        return redirect(url_for("org.import_upload"))
    db.session.commit()
    discard_upload(current_app.config["UPLOAD_FOLDER"], current_user.id, form.token.data)
    flash(
        _("Import finished: %(c)s created, %(u)s updated.", c=result.creates, u=result.updates),
        "success",
    )
    return redirect(url_for("org.import_upload"))
