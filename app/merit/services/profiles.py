"""A person's merit profile for a year, computed live from set-wise loaded inputs, with a trend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.merit.recommendations import MeritProfile, build_profile, build_profiles
from app.merit.rules_profile import MeritInput
from app.merit.services.inputs import load_inputs
from app.merit.settings import merit_settings
from app.org.models import User

TREND_YEARS = 5


@dataclass(frozen=True)
class PersonProfile:
    """What the profile page and the API show for one person and year."""

    person: User
    year: int
    data: MeritInput
    profile: MeritProfile
    trend: list[MeritProfile]


def person_profile(
    person: User, year: int, *, today: date | None = None, trend_years: int = TREND_YEARS
) -> PersonProfile:
    """The profile of `person` in `year` and the `trend_years` years up to it (one set-wise load)."""
    years = list(range(year - trend_years + 1, year + 1))
    inputs = load_inputs([person.id], years, today=today)
    settings = merit_settings()
    profiles = {y: build_profile(inputs[(person.id, y)], settings) for y in years}
    return PersonProfile(
        person, year, inputs[(person.id, year)], profiles[year], [profiles[y] for y in years]
    )


def profiles_for(user_ids: list[int], year: int, *, today: date | None = None) -> dict[int, MeritProfile]:
    """Profiles of many people for one year (set-wise), e.g. for reports."""
    inputs = load_inputs(user_ids, [year], today=today)
    profiles = build_profiles(inputs.values(), merit_settings())
    return {user_id: profile for (user_id, _year), profile in zip(inputs, profiles, strict=True)}
