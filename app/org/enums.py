"""Enumerations of the organisation: position tiers and employment kinds."""

from __future__ import annotations

from enum import StrEnum


class Tier(StrEnum):
    """Position tier (jenjang jabatan), as named in api-v1.md."""

    JPT_UTAMA = "jpt_utama"
    JPT_MADYA = "jpt_madya"
    JPT_PRATAMA = "jpt_pratama"
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    PELAKSANA = "pelaksana"
    AHLI_UTAMA = "ahli_utama"
    AHLI_MADYA = "ahli_madya"
    AHLI_MUDA = "ahli_muda"
    AHLI_PERTAMA = "ahli_pertama"
    PENYELIA = "penyelia"
    MAHIR = "mahir"
    TERAMPIL = "terampil"
    PEMULA = "pemula"

    @property
    def label(self) -> str:
        """The official Indonesian name (a proper term, the same in every language)."""
        return TIER_LABELS[self]


TIER_LABELS: dict[Tier, str] = {
    Tier.JPT_UTAMA: "JPT Utama",
    Tier.JPT_MADYA: "JPT Madya",
    Tier.JPT_PRATAMA: "JPT Pratama",
    Tier.ADMINISTRATOR: "Administrator",
    Tier.PENGAWAS: "Pengawas",
    Tier.PELAKSANA: "Pelaksana",
    Tier.AHLI_UTAMA: "Ahli Utama",
    Tier.AHLI_MADYA: "Ahli Madya",
    Tier.AHLI_MUDA: "Ahli Muda",
    Tier.AHLI_PERTAMA: "Ahli Pertama",
    Tier.PENYELIA: "Penyelia",
    Tier.MAHIR: "Mahir",
    Tier.TERAMPIL: "Terampil",
    Tier.PEMULA: "Pemula",
}


class Employment(StrEnum):
    """Employment kind: civil servant (PNS) or contract staff (PPPK)."""

    PNS = "pns"
    PPPK = "pppk"

    @property
    def label(self) -> str:
        return self.value.upper()
