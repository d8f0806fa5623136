"""Translation catalogues: one per package (`app/translations`, `app/<pkg>/translations`).

    python scripts/i18n.py extract   # refresh every messages.pot and update the .po files
    python scripts/i18n.py extract certificates courses   # only these packages' catalogues
    python scripts/i18n.py compile   # compile every .po to .mo (run by `make`)
    python scripts/i18n.py init PKG  # start catalogues for a new package (id and en)

Messages are written in English in the code; the Indonesian catalogue (`id`)
holds the interface's default language, the English one (`en`) stays empty.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"
LOCALES = ("id", "en")


def _packages() -> list[Path]:
    """Package folders that own a catalogue; the app root owns what no package claims."""
    return sorted(p.parent for p in APP.glob("*/translations") if p.is_dir())


def _run(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def _cfg(package: Path) -> Path:
    """A babel mapping for one catalogue; the root one skips packages with their own."""
    cfg = ROOT / "build" / f"babel-{package.name}.cfg"
    cfg.parent.mkdir(exist_ok=True)
    lines = ["[python: **.py]", "[jinja2: **/templates/**.html]"]
    if package == APP:
        lines = [f"[ignore: {p.name}/**]" for p in _packages()] + lines
    cfg.write_text("\n".join(lines) + "\n")
    return cfg


def extract(names: list[str] | None = None) -> None:
    """Refresh the catalogues of the named packages (`app` for the root one), or of all."""
    packages = [APP, *_packages()]
    if names:
        unknown = set(names) - {p.name for p in packages}
        if unknown:
            sys.exit(f"no catalogue for: {', '.join(sorted(unknown))}")
        packages = [p for p in packages if p.name in names]
    for package in packages:
        translations = package / "translations"
        pot = translations / "messages.pot"
        _run(
            "extract",
            "-F",
            str(_cfg(package)),
            "-k",
            "_l",
            "--no-location",
            "--sort-output",
            # Babel skips folders starting with "_" by default, which would leave out
            # `templates/_macros` (the shared chart, form and download macros).
            "--ignore-dirs",
            ".* __pycache__",
            "-o",
            str(pot),
            str(package),
        )
        for locale in LOCALES:
            po = translations / locale / "LC_MESSAGES" / "messages.po"
            if po.exists():
                _run(
                    "update",
                    "-i",
                    str(pot),
                    "-d",
                    str(translations),
                    "-l",
                    locale,
                    "--no-fuzzy-matching",
                )
            else:
                _run("init", "-i", str(pot), "-d", str(translations), "-l", locale)


def compile_all() -> None:
    for translations in [APP / "translations", *(p / "translations" for p in _packages())]:
        if translations.is_dir():
            _run("compile", "-d", str(translations), "--use-fuzzy")


def init(name: str) -> None:
    (APP / name / "translations").mkdir(parents=True, exist_ok=True)
    extract([name])


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "compile"
    if command == "extract":
        extract(sys.argv[2:])
    elif command == "compile":
        compile_all()
    elif command == "init" and len(sys.argv) == 3:
        init(sys.argv[2])
    else:
        sys.exit(__doc__)
