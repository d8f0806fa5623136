"""`notify`: the in-app notification, the bell, the list, and e-mail sent only after commit."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.notifications.models import Notification
from app.notifications.services import notify, unread_count
from app.settings.services import set_setting
from tests.conftest import login
from tests.factories import make_user


def test_notify_writes_the_notification_and_mails_after_commit(mail_outbox) -> None:
    user = make_user(email="dewi@nusantara.go.id")
    notify(user, "Tugas pelatihan baru", "Silakan mulai kursus.", link="/me")
    assert unread_count(user.id) == 1
    assert mail_outbox == []  # not before the commit
    db.session.commit()
    assert len(mail_outbox) == 1
    message = mail_outbox[0]
    assert message.to == ["dewi@nusantara.go.id"]
    assert message.subject == "[Lentera] Tugas pelatihan baru"
    assert message.body.startswith("Silakan mulai kursus.") and message.body.endswith("/me")


def test_rolled_back_work_mails_nobody(mail_outbox) -> None:
    user = make_user()
    with db.session.begin_nested():
        notify(user, "Tidak jadi")
        db.session.rollback()
    db.session.commit()
    assert mail_outbox == []


def test_a_released_savepoint_keeps_its_mail_for_the_real_commit(mail_outbox) -> None:
    user = make_user()
    with db.session.begin_nested():
        notify(user, "Dalam savepoint")
    assert mail_outbox == []  # the savepoint is released, the transaction is not committed
    db.session.commit()
    assert [m.subject for m in mail_outbox] == ["[Lentera] Dalam savepoint"]


def test_a_rolled_back_savepoint_drops_only_its_own_mail(mail_outbox) -> None:
    user = make_user()
    notify(user, "Tetap dikirim")
    savepoint = db.session.begin_nested()
    notify(user, "Dibatalkan")
    savepoint.rollback()
    db.session.commit()
    assert [m.subject for m in mail_outbox] == ["[Lentera] Tetap dikirim"]


def test_messages_use_the_recipients_language(mail_outbox) -> None:
    english = make_user(locale="en")
    indonesian = make_user()
    notify(english, _l("Settings"))
    notify(indonesian, _l("Settings"))
    db.session.commit()
    assert sorted(m.subject for m in mail_outbox) == ["[Lentera] Pengaturan", "[Lentera] Settings"]


def test_email_can_be_switched_off_but_the_bell_keeps_it(mail_outbox) -> None:
    set_setting("agency.email_notifications", False)
    user = make_user()
    notify(user, "Hanya di aplikasi")
    db.session.commit()
    assert mail_outbox == [] and unread_count(user.id) == 1


def test_inactive_people_and_email_false_get_no_mail(mail_outbox) -> None:
    notify(make_user(active=False), "x")
    notify(make_user(), "y", email=False)
    db.session.commit()
    assert mail_outbox == []


def test_bell_shows_the_unread_count_and_the_list_marks_read(client) -> None:
    user = make_user()
    other = make_user()
    first = notify(user, "Pengumuman satu", link="/me")
    notify(user, "Pengumuman dua")
    theirs = notify(other, "Bukan untukmu")
    login(client, user)
    page = client.get("/me").get_data(as_text=True)
    assert "Notifikasi: 2 belum dibaca" in page and 'bell-badge">2<' in page
    listing = client.get("/notifications/").get_data(as_text=True)
    assert "Pengumuman satu" in listing and "Bukan untukmu" not in listing
    response = client.post(f"/notifications/{first.id}/open")
    assert response.status_code == 302 and response.headers["Location"] == "/me"
    assert unread_count(user.id) == 1
    assert client.post(f"/notifications/{theirs.id}/open").status_code == 404
    client.post("/notifications/read-all")
    assert unread_count(user.id) == 0
    assert unread_count(other.id) == 1
    assert "bell-badge" not in client.get("/me").get_data(as_text=True)


def test_a_notification_link_elsewhere_is_not_followed(client) -> None:
    user = make_user()
    note = notify(user, "Tautan aneh", link="https://evil.example/")
    login(client, user)
    assert client.post(f"/notifications/{note.id}/open").headers["Location"] == "/notifications/"


def test_notification_list_paginates(client) -> None:
    user = make_user()
    for n in range(25):
        notify(user, f"Pesan {n:02d}", email=False)
    login(client, user)
    assert 'rel="next"' in client.get("/notifications/").get_data(as_text=True)
    assert db.session.scalar(select(Notification.id).where(Notification.user_id == user.id)) is not None
