"""The admin settings page: every registered setting, grouped, validated on save."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.extensions import db
from app.security import Role, access
from app.settings.forms import build_group_form, field_name
from app.settings.services import SettingsError, reset_setting, set_setting, settings_by_group

bp = Blueprint("settings", __name__, url_prefix="/admin/settings", template_folder="templates")


def _groups_with_forms(posted_group: str | None = None):
    groups = []
    for slug, label, rows in settings_by_group():
        definitions = [d for d, _v, _o in rows]
        values = {d.key: v for d, v, _o in rows}
        formdata = request.form if slug == posted_group else None
        form = build_group_form(definitions, values, formdata=formdata)
        groups.append({"slug": slug, "label": label, "rows": rows, "form": form})
    return groups


@bp.get("/")
@access(Role.ADMIN)
def index():
    """All settings, one form per group."""
    return render_template("settings/index.html", groups=_groups_with_forms(), field_name=field_name)


@bp.post("/<group>")
@access(Role.ADMIN)
def save(group: str):
    """Validate and save one group; show each refused value beside its field."""
    groups = _groups_with_forms(posted_group=group)
    target = next((g for g in groups if g["slug"] == group), None)
    if target is None:
        abort(404)
    form = target["form"]
    if not form.validate():
        return render_template("settings/index.html", groups=groups, field_name=field_name), 400
    failed = False
    for definition, _value, _overridden in target["rows"]:
        field = form[field_name(definition.key)]
        try:
            set_setting(definition.key, field.data, actor_id=current_user.id)
        except SettingsError as exc:
            field.errors = [*field.errors, *exc.fields.get(definition.key, [exc.message])]
            failed = True
    if failed:
        db.session.rollback()
        flash(_("Nothing was saved: correct the marked values."), "danger")
        return render_template("settings/index.html", groups=groups, field_name=field_name), 422
    db.session.commit()
    flash(_("Settings saved."), "success")
    return redirect(url_for("settings.index") + f"#group-{group}")


@bp.post("/reset/<key>")
@access(Role.ADMIN)
def reset(key: str):
    """Return one setting to its default."""
    try:
        reset_setting(key, actor_id=current_user.id)
    except KeyError:
        abort(404)
    db.session.commit()
    flash(_("The default value applies again."), "success")
    return redirect(url_for("settings.index"))
