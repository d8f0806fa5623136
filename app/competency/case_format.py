"""1EdTech CASE 1.0 CFPackage ⇄ competencies (pure: plain data in, plain data out).

Mapping: one `CFItem` per competency (`humanCodingScheme` = code,
`abbreviatedStatement` = name, `fullStatement` = definition, `CFItemType` =
kind); one `CFRubric` per competency with one criterion pointing at the item and
one criterion level per proficiency level (`score` = level, `quality` = title,
`description` = the indicators, one per line).
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from functools import cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft7Validator

LEVEL_COUNT = 5
KINDS = {"manajerial", "sosial_kultural", "teknis"}


@cache
def case_schema() -> dict[str, Any]:
    """The official CASE 1.0 CFPackage JSON schema (shipped in `app/competency/data/`)."""
    text = (files("app.competency") / "data" / "case-1.0-cfpackage.schema.json").read_text("utf-8")
    return json.loads(text)


def schema_errors(package: Any) -> dict[str, list[str]]:
    """Schema violations as `{json.path: [message]}` (empty when the package is valid CASE)."""
    errors: dict[str, list[str]] = {}
    for error in Draft7Validator(case_schema()).iter_errors(package):
        path = ".".join(str(p) for p in error.absolute_path) or "_schema"
        errors.setdefault(path, []).append(error.message[:300])
    return errors


def _uid(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "urn:lentera:" + ":".join(parts)))


def _stamp(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def build_package(competencies: list[dict[str, Any]], *, creator: str, changed: datetime) -> dict[str, Any]:
    """A CFPackage for competencies given as dicts (code, name, kind, definition, identifier, levels)."""
    doc_id = _uid("framework", creator)
    stamp = _stamp(changed)
    document = {
        "identifier": doc_id,
        "uri": f"urn:uuid:{doc_id}",
        "creator": creator,
        "title": f"Kamus Kompetensi — {creator}",
        "lastChangeDateTime": stamp,
        "language": "id",
        "description": "Kompetensi manajerial, sosial kultural dan teknis (PermenPANRB 38/2017).",
    }
    doc_link = {"title": document["title"], "identifier": doc_id, "uri": document["uri"]}
    items, rubrics = [], []
    for c in competencies:
        item_uri = f"urn:uuid:{c['identifier']}"
        items.append(
            {
                "identifier": c["identifier"],
                "uri": item_uri,
                "fullStatement": c["definition"],
                "abbreviatedStatement": c["name"],
                "humanCodingScheme": c["code"],
                "CFItemType": c["kind"],
                "language": "id",
                "lastChangeDateTime": stamp,
                "CFDocumentURI": doc_link,
            }
        )
        rubric_id = _uid("rubric", c["identifier"])
        criterion_id = _uid("criterion", c["identifier"])
        levels = [
            {
                "identifier": _uid("level", c["identifier"], str(level["level"])),
                "uri": f"urn:uuid:{_uid('level', c['identifier'], str(level['level']))}",
                "quality": level["title"],
                "description": "\n".join(level["indicators"]),
                "score": float(level["level"]),
                "position": level["level"],
                "rubricCriterionId": criterion_id,
                "lastChangeDateTime": stamp,
            }
            for level in c["levels"]
        ]
        rubrics.append(
            {
                "identifier": rubric_id,
                "uri": f"urn:uuid:{rubric_id}",
                "title": f"{c['code']} {c['name']}",
                "lastChangeDateTime": stamp,
                "CFRubricCriteria": [
                    {
                        "identifier": criterion_id,
                        "uri": f"urn:uuid:{criterion_id}",
                        "category": c["code"],
                        "CFItemURI": {"title": c["name"], "identifier": c["identifier"], "uri": item_uri},
                        "position": 1,
                        "rubricId": rubric_id,
                        "lastChangeDateTime": stamp,
                        "CFRubricCriterionLevels": levels,
                    }
                ],
            }
        )
    return {"CFDocument": document, "CFItems": items, "CFRubrics": rubrics}


def _levels_by_item(package: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Criterion levels of every rubric criterion, keyed by the CFItem identifier they point at."""
    found: dict[str, list[dict[str, Any]]] = {}
    for rubric in package.get("CFRubrics") or []:
        for criterion in rubric.get("CFRubricCriteria") or []:
            target = (criterion.get("CFItemURI") or {}).get("identifier")
            if target:
                found.setdefault(target.lower(), []).extend(criterion.get("CFRubricCriterionLevels") or [])
    return found


def _level_number(level: dict[str, Any]) -> Any:
    score = level.get("score", level.get("position"))
    if isinstance(score, float) and score.is_integer():
        return int(score)
    return score


def read_package(package: dict[str, Any], placeholder: str = "Level {n}") -> list[dict[str, Any]]:
    """Items of a schema-valid package as competency dicts (code, name, kind, definition, identifier, levels).

    Items without rubric levels get five placeholder level titles for HR to fill.
    Field problems are left to the dictionary's validation, which names them.
    """
    by_item = _levels_by_item(package)
    result = []
    for item in package.get("CFItems") or []:
        kind = str(item.get("CFItemType") or "teknis").strip().lower().replace(" ", "_")
        raw_levels = by_item.get(str(item.get("identifier", "")).lower(), [])
        if raw_levels:
            levels = [
                {
                    "level": _level_number(level),
                    "title": level.get("quality") or level.get("description", "").split("\n")[0],
                    "indicators": [t for t in str(level.get("description") or "").split("\n") if t.strip()],
                }
                for level in raw_levels
            ]
        else:
            levels = [{"level": n, "title": placeholder.format(n=n), "indicators": []} for n in range(1, 6)]
        result.append(
            {
                "code": str(item.get("humanCodingScheme") or "").strip(),
                "name": item.get("abbreviatedStatement")
                or item.get("alternativeLabel")
                or item.get("fullStatement", "")[:200],
                "kind": kind,
                "definition": item.get("fullStatement") or "",
                "identifier": str(item.get("identifier") or ""),
                "levels": levels,
            }
        )
    return result
