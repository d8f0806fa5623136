"""`flask competency export / import / jp-compliance`."""

from __future__ import annotations

import json

from tests.competency.factories import make_technical


def test_export_then_dry_run_import(app, tmp_path):
    make_technical(code="T.1201")
    runner = app.test_cli_runner()
    target = tmp_path / "k.json"
    assert runner.invoke(args=["competency", "export", str(target)]).exit_code == 0
    assert json.loads(target.read_text())["CFDocument"]["identifier"]
    result = runner.invoke(args=["competency", "import", "--dry-run", str(target)])
    assert result.exit_code == 0 and "errors 0" in result.output
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "case"}')
    assert runner.invoke(args=["competency", "import", str(bad)]).exit_code != 0
    csv_target = tmp_path / "k.csv"
    assert runner.invoke(args=["competency", "export", str(csv_target)]).exit_code == 0
    assert runner.invoke(args=["competency", "jp-compliance", "--year", "2026"]).exit_code == 0
