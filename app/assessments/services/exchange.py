"""Question bank import and export as CSV or JSON (all rows valid, or nothing is saved)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.assessments.enums import QuestionKind
from app.assessments.models import Question
from app.assessments.services.bank import clean_question, create_question
from app.assessments.services.common import AssessmentError
from app.extensions import db
from app.validation import FieldErrors

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MAX_CHOICE_COLUMNS = 10
CSV_COLUMNS = [
    "category",
    "kind",
    "text",
    "points",
    "feedback",
    "scoring",
    *[f"choice_{i}" for i in range(1, MAX_CHOICE_COLUMNS + 1)],
    "correct",
    "accepted_answers",
]


def bank_questions(course_id: int) -> list[Question]:
    """The course's active questions with their category and choices (two queries)."""
    return list(
        db.session.scalars(
            select(Question)
            .where(Question.course_id == course_id, Question.archived.is_(False))
            .options(selectinload(Question.choices), selectinload(Question.category))
            .order_by(Question.category_id, Question.id)
        )
    )


def question_record(question: Question) -> dict[str, Any]:
    """One question as the JSON export writes it (and the import reads it)."""
    record: dict[str, Any] = {
        "category": question.category.name,
        "kind": question.kind.value,
        "text": question.text,
        "points": question.points,
        "feedback": question.feedback,
    }
    if question.kind == QuestionKind.MULTIPLE:
        record["scoring"] = question.scoring.value
    if question.kind.has_choices:
        record["choices"] = [{"text": c.text, "correct": c.correct} for c in question.choices]
    if question.kind == QuestionKind.SHORT_ANSWER:
        record["accepted_answers"] = list(question.accepted_answers or [])
    return record


def export_json(course_id: int, course_code: str) -> str:
    """The bank as JSON: `{"course": code, "questions": [...]}`."""
    records = [question_record(q) for q in bank_questions(course_id)]
    return json.dumps({"course": course_code, "questions": records}, ensure_ascii=False, indent=2)


def export_csv(course_id: int) -> str:
    """The bank as CSV: one row per question, choices in columns, correct choices as numbers ("1;3")."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for question in bank_questions(course_id):
        record = question_record(question)
        row = {k: record.get(k, "") for k in ("category", "kind", "text", "points", "feedback", "scoring")}
        for i, choice in enumerate(record.get("choices", []), start=1):
            row[f"choice_{i}"] = choice["text"]
        row["correct"] = ";".join(
            str(i) for i, c in enumerate(record.get("choices", []), start=1) if c["correct"]
        )
        row["accepted_answers"] = "|".join(record.get("accepted_answers", []))
        writer.writerow(row)
    return out.getvalue()


def _csv_records(text: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = {"kind", "text"} - set(reader.fieldnames or [])
    if missing:
        raise _file_error(_l("The CSV needs the columns %(columns)s.", columns=", ".join(CSV_COLUMNS)))
    records = []
    for row in reader:
        correct = {p.strip() for p in str(row.get("correct") or "").replace(",", ";").split(";") if p.strip()}
        choices = [
            {"text": row.get(f"choice_{i}") or "", "correct": str(i) in correct}
            for i in range(1, MAX_CHOICE_COLUMNS + 1)
            if (row.get(f"choice_{i}") or "").strip()
        ]
        records.append(
            {
                "category": row.get("category") or "",
                "kind": (row.get("kind") or "").strip(),
                "text": row.get("text") or "",
                "points": row.get("points") or 1,
                "feedback": row.get("feedback") or "",
                "scoring": (row.get("scoring") or "").strip(),
                "choices": choices,
                "accepted_answers": [
                    a for a in str(row.get("accepted_answers") or "").split("|") if a.strip()
                ],
            }
        )
    return records


def _json_records(text: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except ValueError:
        raise _file_error(_l("The file is not valid JSON."))
    records = data.get("questions") if isinstance(data, dict) else data
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise _file_error(_l('The JSON needs a list of questions (or {"questions": [...]}).'))
    return records


def _file_error(message: Any) -> AssessmentError:
    return AssessmentError(str(message), {"file": [str(message)]})


def parse_upload(content: bytes, filename: str) -> list[dict[str, Any]]:
    """The question records of an uploaded `.csv` or `.json` file (UTF-8)."""
    if len(content) > MAX_BYTES:
        raise _file_error(_l("The file is larger than 2 MB."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _file_error(_l("Save the file as UTF-8 text."))
    name = (filename or "").lower()
    if name.endswith(".json"):
        records = _json_records(text)
    elif name.endswith(".csv"):
        records = _csv_records(text)
    else:
        raise _file_error(_l("Upload a .csv or .json file."))
    if not records:
        raise _file_error(_l("The file holds no questions."))
    if len(records) > MAX_ROWS:
        raise _file_error(_l("Import at most %(n)s questions at a time.", n=MAX_ROWS))
    return records


def import_questions(course_id: int, records: list[dict[str, Any]]) -> int:
    """Validate every record first; add them all to the bank (by category name) or none. Returns the count."""
    problems: dict[str, list[str]] = {}
    for number, record in enumerate(records, start=1):
        errors = FieldErrors()
        clean_question(record, errors)
        for field, messages in errors.items():
            problems.setdefault(f"row {number}", []).extend(f"{field}: {m}" for m in messages)
    if problems:
        raise AssessmentError(str(_l("Nothing was imported: fix the rows listed.")), problems)
    for record in records:
        create_question(course_id, {**record, "category_id": None})
    return len(records)
