"""Changing one's own password: checks, and every other session ends."""

from __future__ import annotations

from app.auth.passwords import password_problems, verify_password
from app.auth.services import issue_token
from app.extensions import db
from tests.conftest import login
from tests.factories import PASSWORD, make_user

NEW = "lentera2026baru"


def _change(client, current=PASSWORD, new=NEW, confirm=NEW):
    return client.post(
        "/account/password",
        data={"current_password": current, "new_password": new, "confirm_password": confirm},
    )


def test_change_password_keeps_this_session_and_ends_the_others(app) -> None:
    user = make_user(username="budi")
    this, other = app.test_client(), app.test_client()
    login(this, user)
    login(other, user)
    raw_token, _ = issue_token(user, 1)
    response = _change(this)
    assert response.status_code == 302
    assert response.headers["Location"] == "/me"
    db.session.refresh(user)
    assert verify_password(user.password_hash, NEW)
    assert this.get("/me").status_code == 200
    assert other.get("/me").status_code == 302  # signed out
    api = app.test_client().get("/api/v1/me", headers={"Authorization": f"Bearer {raw_token}"})
    assert api.status_code == 401  # tokens are revoked as well


def test_wrong_current_password_is_refused_beside_the_field(client) -> None:
    user = make_user()
    login(client, user)
    response = _change(client, current="not-it-123")
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Kata sandi saat ini tidak benar." in text
    db.session.refresh(user)
    assert verify_password(user.password_hash, PASSWORD)


def test_weak_or_mismatched_new_password_is_refused(client) -> None:
    user = make_user(username="budi")
    login(client, user)
    text = _change(client, new="short", confirm="other").get_data(as_text=True)
    assert "Gunakan minimal 8 karakter." in text
    assert "Kedua kata sandi baru berbeda." in text


def test_password_policy() -> None:
    assert password_problems("lentera2026") == []
    assert len(password_problems("abc")) == 2  # too short, no digit
    assert password_problems("onlyletters") != []
    assert password_problems("budi1234", username="BUDI1234") != []
