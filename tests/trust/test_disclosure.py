"""Disclosure rules: known answers, spans, hard negatives, and the `trust disclosure` CLI contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grassroots.trust import assess_text, detect_disclosure

from ..conftest import run_cli

CASES = [
    ("So happy with my new blender #ad", "adequate"),
    ("#Sponsored Had to go undercover to get a peek", "adequate"),
    ("Show me your best moves @tntdrama #TNTpartner", "adequate"),
    ("Mein neues Rad #werbung", "adequate"),
    ("nova coleção #publi", "adequate"),
    ("This video is sponsored by Squarespace.", "adequate"),
    ("In a paid partnership with @glossier", "adequate"),
    ("Thanks @lumenleaf for the free serum!", "adequate"),
    ("These are affiliate links, which means I earn a small commission.", "adequate"),
    ("As an Amazon Associate I earn from qualifying purchases.", "adequate"),
    ("love this dress *ad", "adequate"),
    ("new drop #collab", "ambiguous"),
    ("#sp loving it", "ambiguous"),
    ("#gifted by the lovely team", "ambiguous"),
    ("Proud #NikeAmbassador", "ambiguous"),
    ("(affiliate links)", "ambiguous"),
    ("I'm partnering with @WhenWeAllVote this year", "ambiguous"),
    ("Fresh kicks #adidas #advice", "none"),
    ("This trip was sponsored by my mom lol", "none"),
    ("Had a bad day, adding salt", "none"),
    ("This video is not sponsored.", "none"),
    ("FTC disclaimer: This is NOT a sponsored video.", "none"),
    ("Affiliate marketing tutorial for beginners", "none"),
    ("use code SAVE20 for 20% off", "none"),
    ("Best of the Lake Awards sponsored by Lake Norman Currents", "ambiguous"),
]


@pytest.mark.parametrize(("text", "verdict"), CASES)
def test_known_verdicts(text: str, verdict: str) -> None:
    assert detect_disclosure(text).disclosure == verdict


@pytest.mark.parametrize("text", [c[0] for c in CASES])
def test_every_signal_span_points_at_its_text(text: str) -> None:
    for signal in detect_disclosure(text).signals:
        assert text[signal.start : signal.end] == signal.text


def test_commercial_signals_are_reported_but_do_not_make_a_disclosure() -> None:
    text = "my fave serum https://www.amazon.com/dp/B01?tag=me-20 use code GLOW15, link in bio"
    result = detect_disclosure(text, brand="Glow")
    kinds = {s.kind for s in result.signals}
    assert result.disclosure == "none"
    assert {"affiliate_link", "code", "brand"} <= kinds and any(
        s.rule == "link_in_bio" for s in result.signals
    )
    organic = assess_text("sunset walk with the dog")["undisclosed_probability"]
    assert assess_text(text)["undisclosed_probability"] > max(0.5, organic)
    assert assess_text(text + " #ad")["undisclosed_probability"] == 0.0


def _lines(result: object) -> list[dict[str, object]]:
    stdout = result.stdout.decode()  # type: ignore[attr-defined]
    return [json.loads(line) for line in stdout.splitlines()]


def test_cli_text_one_object_per_line_in_order(tmp_path: Path) -> None:
    path = tmp_path / "posts.txt"
    path.write_bytes(b"\xef\xbb\xbfLoving it #ad\r\n\r\nnew drop #collab\nbad \xff byte\n")
    result = run_cli("trust", "disclosure", str(path))
    assert result.returncode == 0, result.stderr.decode()
    out = _lines(result)
    assert [o["disclosure"] for o in out] == ["adequate", "none", "ambiguous", "none"]
    assert [o["commercial"] for o in out] == ["paid", "none", "paid", "none"]
    assert out[0]["signals"] == [
        {
            "kind": "hashtag",
            "rule": "ad_hashtag",
            "level": "adequate",
            "text": "#ad",
            "span": [10, 13],
            "commercial": "paid",
        }
    ]
    assert all(0.0 <= float(o["undisclosed_probability"]) <= 1.0 for o in out)  # type: ignore[arg-type]
    assert "warnings" in out[3]


def test_cli_jsonl_echoes_ids_and_brand(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_text('{"id": 7, "text": "gift from @lumenleaf"}\n\n{"id": "b", "text": "#ad"}\n')
    result = run_cli("trust", "disclosure", str(path), "--brand", "Lumenleaf")
    out = _lines(result)
    assert [o.get("id") for o in out] == [7, None, "b"]
    assert any(s["kind"] == "brand" for s in out[0]["signals"])  # type: ignore[union-attr]


def test_cli_bad_jsonl_names_the_line_and_prints_nothing(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_text('{"text": "fine #ad"}\n{"text": 3}\n')
    result = run_cli("trust", "disclosure", str(path))
    assert result.returncode == 2 and result.stdout == b""
    assert "posts.jsonl:2: text" in result.stderr.decode()
