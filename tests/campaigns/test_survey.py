"""The brief's ``survey:`` section: checked like every brief field (FILE:LINE: field: problem), and
the answers it accepts."""

from __future__ import annotations

from pathlib import Path

import pytest

from grassroots.campaigns import load_brief
from grassroots.campaigns.survey import NPS_TEXT, check_answers, net_promoter
from grassroots.errors import InvalidRecord, InvalidValue
from tests.campaigns.conftest import BRIEF

GOOD = """\
survey:
  nps: Would you recommend Glow Serum?
  questions:
    - id: texture
      text: How did the texture feel?
      type: choice
      choices: [light, heavy]
      product: glow-serum
      required: true
    - id: again
      text: Buy again?
      type: scale
      min: 0
      max: 3
"""


def _brief(tmp_path: Path, survey: str) -> Path:
    path = tmp_path / "brief.yaml"
    path.write_text(BRIEF + survey, encoding="utf-8")
    return path


def test_a_brief_without_a_survey_asks_the_nps_question_only(brief_file: Path) -> None:
    survey = load_brief(brief_file).survey
    assert (survey.nps, survey.questions, survey.ids()) == (NPS_TEXT, (), ("nps",))


def test_the_survey_is_read_with_its_questions(tmp_path: Path) -> None:
    survey = load_brief(_brief(tmp_path, GOOD)).survey
    assert survey.nps == "Would you recommend Glow Serum?"
    assert [(q.id, q.type, q.choices, q.min, q.max, q.product, q.required) for q in survey.questions] == [
        ("texture", "choice", ("light", "heavy"), 1, 5, "glow-serum", True),
        ("again", "scale", (), 0, 3, None, False),
    ]


BRIEF_LINES = len(BRIEF.splitlines())


@pytest.mark.parametrize(
    ("edit", "line", "field", "problem"),
    [
        (
            ("type: scale", "type: stars"),
            12,
            "survey.questions[1].type",
            "expected one of scale, choice, text",
        ),
        (("product: glow-serum", "product: other"), 8, "survey.questions[0].product", "not a product handle"),
        (("choices: [light, heavy]", "choices: [light]"), 7, "survey.questions[0].choices", "at least 2"),
        (("id: again", "id: texture"), 10, "survey.questions[1].id", "used by an earlier question"),
        (("id: again", "id: nps"), 10, "survey.questions[1].id", "not 'nps'"),
        (("max: 3", "max: 0"), 14, "survey.questions[1].max", "0 <= min < max"),
        (("required: true", "colour: red"), 9, "survey.questions[0].colour", "unknown field"),
        (("nps: Would you recommend Glow Serum?", "nps: ''"), 2, "survey.nps", "wording"),
    ],
)
def test_a_bad_survey_names_its_file_line_and_field(
    tmp_path: Path, edit: tuple[str, str], line: int, field: str, problem: str
) -> None:
    path = _brief(tmp_path, GOOD.replace(*edit))
    with pytest.raises(InvalidRecord) as caught:
        load_brief(path)
    assert str(caught.value).startswith(f"{path}:{BRIEF_LINES + line}: {field}: ")
    assert problem in caught.value.problem


def test_answers_are_checked_against_the_questions(tmp_path: Path) -> None:
    survey = load_brief(_brief(tmp_path, GOOD)).survey
    assert check_answers(survey, {"nps": " 0 ", "texture": "heavy", "again": "3", "other": "x"}) == {
        "nps": "0",
        "texture": "heavy",
        "again": "3",
    }
    for form, message in [
        ({"texture": "light"}, "nps: required"),
        ({"nps": "7"}, "texture: required"),
        ({"nps": "-1", "texture": "light"}, "nps: expected a whole number from 0 to 10"),
        ({"nps": "5", "texture": "light", "again": "4"}, "again: expected a whole number from 0 to 3"),
    ]:
        with pytest.raises(InvalidValue, match=message):
            check_answers(survey, form)
    assert net_promoter([]) is None
    assert net_promoter(["10", "9", "8", "0"]) == 25.0
