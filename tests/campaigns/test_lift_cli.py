"""`grassroots campaign lift`: the CSV contract, every bad input as FILE:LINE: field: problem, exit codes."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from grassroots.campaigns import lift_from_files, read_assignments
from grassroots.cli.main import main
from grassroots.errors import InvalidRecord, SourceError

from ..conftest import run_cli

A = "person_id,arm\na,treatment\nb,treatment\nc,holdout\nd,holdout\n"
OUT = "person_id,value\na,3\nb,1\nc,2\nd,2\n"


def _files(tmp_path: Path, a: str | bytes = A, o: str | bytes = OUT) -> tuple[Path, Path]:
    pa, po = tmp_path / "A.csv", tmp_path / "O.csv"
    pa.write_bytes(a if isinstance(a, bytes) else a.encode())
    po.write_bytes(o if isinstance(o, bytes) else o.encode())
    return pa, po


def _cli(capsys: pytest.CaptureFixture[str], pa: Path, po: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["campaign", "lift", "--assignments", str(pa), "--outcomes", str(po), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_has_every_field_and_exact_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(capsys, *_files(tmp_path), "--json")
    assert code == 0
    obj = json.loads(out)
    assert set(obj) == {
        "n_treatment", "n_holdout", "mean_treatment", "mean_holdout", "lift", "ci", "relative_lift",
        "relative_ci", "confidence", "method", "strata", "warnings",
    }  # fmt: skip
    assert (obj["n_treatment"], obj["n_holdout"], obj["lift"], obj["method"]) == (2, 2, 0.0, "neyman")
    assert obj["ci"] == pytest.approx([-1.6448536, 1.6448536]) and obj["confidence"] == 0.9
    assert obj["strata"] == [] and obj["relative_lift"] == 0.0


def test_bom_crlf_extra_columns_summed_orders_refunds_and_missing_people(tmp_path: Path) -> None:
    a = "\ufeffperson_id,extra,arm\r\na,x,treatment\r\nb,y,treatment\r\n"
    a += "c,z,holdout\r\nd,w,holdout\r\ne,v,holdout\r\n"
    o = "\ufeffvalue,person_id,note\r\n3,a,\r\n-1,a,refund\r\n1,b,\r\n2,c,\r\n1.5,d,\r\n"
    r = lift_from_files(*_files(tmp_path, a, o))
    # treatment 2, 1; holdout 2, 1.5, 0 (e has no row)
    assert r.mean_treatment == pytest.approx(1.5) and r.mean_holdout == pytest.approx(3.5 / 3)
    assert (r.n_treatment, r.n_holdout) == (2, 3)


def test_stratified_json_lists_strata(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = "person_id,arm,stratum\na,treatment,s1\nb,treatment,s1\nc,holdout,s1\nd,holdout,s1\ne,treatment,s2\n"
    code, out, err = _cli(capsys, *_files(tmp_path, a), "--json", "--confidence", "0.95")
    obj = json.loads(out)
    assert code == 0 and obj["method"] == "neyman-stratified" and obj["confidence"] == 0.95
    assert obj["strata"] == [
        {"stratum": "s1", "n_treatment": 2, "n_holdout": 2, "weight": 1.0, "dropped": False},
        {"stratum": "s2", "n_treatment": 1, "n_holdout": 0, "weight": 0.0, "dropped": True},
    ]
    assert "warning: stratum 's2' dropped" in err


def test_never_nan_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(capsys, *_files(tmp_path, o="person_id,value\na,1\nb,2\n"), "--json")
    assert code == 0 and "NaN" not in out
    obj = json.loads(out, parse_constant=lambda c: pytest.fail(f"non-finite {c}"))
    assert obj["relative_lift"] is None and obj["relative_ci"] is None
    assert all(math.isfinite(v) for v in obj["ci"])


def test_table_without_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(capsys, *_files(tmp_path))
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["method", "neyman"]
    assert any(line.startswith("lift") and "90.0% CI [-1.64485, 1.64485]" in line for line in lines)


BAD = [
    ("A", "person_id,arm\na,treatment\nb,treatment\na,holdout\nd,holdout\n", ":4: person_id: duplicate 'a' (lines 2 and 4)"),  # noqa: E501
    ("A", "person_id,arm\na,treatment\nb,control\n", ":3: arm: expected one of treatment, holdout, got 'control'"),  # noqa: E501
    ("A", "person_id,arm\na,treatment\n,holdout\n", ":3: person_id: blank"),
    ("A", "person_id,group\na,treatment\n", ":1: arm: missing column"),
    ("A", "", ":1: empty file"),
    ("A", "person_id,arm,stratum\na,treatment,x\nb,holdout,\n", ":3: stratum: blank"),
    ("A", b"person_id,arm\na,treatment\nb\xff,holdout\n", ":3: not UTF-8"),
    ("A", "person_id,arm\na,treatment\nb,holdout\nc,holdout\nd,holdout\n", ": arms: each arm needs at least 2 people"),  # noqa: E501
    ("O", "person_id,value\na,1\nzz,2\n", ":3: person_id: 'zz' is not in"),
    ("O", "person_id,value\na,1\nb,\n", ":3: value: blank"),
    ("O", "person_id,value\na,1\nb,ten\n", ":3: value: expected a number, got 'ten'"),
    ("O", "person_id,value\na,NaN\n", ":2: value: not a number"),
    ("O", "person_id\na\n", ":1: value: missing column"),
]  # fmt: skip


@pytest.mark.parametrize(("which", "text", "message"), BAD)
def test_bad_input_names_file_line_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], which: str, text: str | bytes, message: str
) -> None:
    pa, po = _files(tmp_path, a=text) if which == "A" else _files(tmp_path, o=text)
    code, out, err = _cli(capsys, pa, po, "--json")
    path = pa if which == "A" else po
    assert code == 2 and out == ""
    assert err.startswith(f"error: {path}") and message in err and len(err.splitlines()) == 1


def test_missing_file_and_confidence_out_of_range(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pa, po = _files(tmp_path)
    code, _, err = _cli(capsys, pa, tmp_path / "nope.csv")
    assert code == 2 and "nope.csv: cannot read" in err
    for bad in ("0.4", "0.9995"):
        code, out, err = _cli(capsys, pa, po, "--confidence", bad)
        assert code == 2 and out == "" and f"--confidence {bad}: expected a number in [0.5, 0.999]" in err
    with pytest.raises(SourceError):
        lift_from_files(pa, tmp_path / "nope.csv")


def test_duplicate_error_is_an_invalid_record(tmp_path: Path) -> None:
    pa, _ = _files(tmp_path, a="person_id,arm\na,treatment\na,holdout\n")
    with pytest.raises(InvalidRecord) as info:
        read_assignments(pa)
    assert (info.value.line, info.value.field) == (3, "person_id")


def test_runs_as_a_process_without_a_data_dir(tmp_path: Path) -> None:
    pa, po = _files(tmp_path)
    env = {"GRASSROOTS_DATA_DIR": str(tmp_path / "never-created"), "PATH": "/usr/bin:/bin"}
    import os

    env["PYTHONPATH"] = os.environ.get("PYTHONPATH", "")
    result = run_cli(
        "campaign", "lift", "--assignments", str(pa), "--outcomes", str(po), "--json", env=env, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["lift"] == 0.0
    assert not (tmp_path / "never-created").exists()
