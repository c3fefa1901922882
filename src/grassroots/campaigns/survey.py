"""Campaign surveys: a short questionnaire per campaign, defined in the brief's ``survey:`` section.

Every survey asks the Net Promoter question (0-10, id ``nps``; its wording may be changed with
``survey.nps``), then the campaign's own questions, each with an ``id`` (letters, digits, ``_``), a
``text``, a ``type`` (``scale``: a whole number from ``min`` to ``max``, default 1-5; ``choice``: one
of ``choices``; ``text``: free text up to 1,000 characters), an optional ``product`` (a handle of
the brief's products the question is about) and ``required`` (default false). Problems are reported
as ``FILE:LINE: field: problem`` like every brief field (``brief.yaml:31: survey.questions[1].type:
...``). Answers are checked by :func:`check_answers`; the NPS is ``% promoters (9-10) - % detractors
(0-6)`` (:func:`net_promoter`).

>>> survey = Survey(questions=(Question("texture", "How was the texture?", "choice", ("light", "rich")),))
>>> check_answers(survey, {"nps": "9", "texture": "light"})
{'nps': '9', 'texture': 'light'}
>>> net_promoter(["10", "9", "3", "7"])
25.0
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, get_args

from grassroots.errors import InvalidValue

if TYPE_CHECKING:
    from grassroots.campaigns.brief import _Lines

__all__ = [
    "NPS_ID",
    "NPS_TEXT",
    "QUESTION_TYPES",
    "Question",
    "QuestionType",
    "Survey",
    "check_answers",
    "net_promoter",
    "parse_survey",
]

QuestionType = Literal["scale", "choice", "text"]
QUESTION_TYPES: tuple[str, ...] = get_args(QuestionType)
NPS_ID = "nps"
NPS_TEXT = "How likely are you to recommend {brand} to a friend or colleague?"
_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")
_TEXT_MAX = 1000
_FIELDS = {"nps", "questions"}
_QUESTION_FIELDS = {"id", "text", "type", "choices", "min", "max", "product", "required"}


@dataclass(frozen=True)
class Question:
    """One product question of a campaign survey."""

    id: str
    text: str
    type: QuestionType = "text"
    choices: tuple[str, ...] = ()
    min: int = 1
    max: int = 5
    product: str | None = None
    required: bool = False


@dataclass(frozen=True)
class Survey:
    """The NPS question's wording (``{brand}`` filled in) and the campaign's own questions."""

    nps: str = NPS_TEXT
    questions: tuple[Question, ...] = ()

    def ids(self) -> tuple[str, ...]:
        return (NPS_ID, *(q.id for q in self.questions))


def _question(raw: Any, path: str, lines: _Lines, products: set[str]) -> Question:
    if not isinstance(raw, dict):
        raise lines.error(path, "expected a mapping with id, text and type")
    unknown = sorted(set(raw) - _QUESTION_FIELDS)
    if unknown:
        raise lines.error(
            f"{path}.{unknown[0]}", f"unknown field; known: {', '.join(sorted(_QUESTION_FIELDS))}"
        )
    qid = raw.get("id")
    if not isinstance(qid, str) or not _ID.fullmatch(qid) or qid == NPS_ID:
        raise lines.error(f"{path}.id", f"expected lower-case letters, digits or _ (not 'nps'), got {qid!r}")
    text = raw.get("text")
    if not isinstance(text, str) or not text.strip():
        raise lines.error(f"{path}.text", "required: a non-empty text")
    kind = raw.get("type", "text")
    if kind not in QUESTION_TYPES:
        raise lines.error(f"{path}.type", f"expected one of {', '.join(QUESTION_TYPES)}, got {kind!r}")
    choices = raw.get("choices", [])
    if kind == "choice" and (not isinstance(choices, list) or len(choices) < 2):
        raise lines.error(f"{path}.choices", "a choice question needs a list of at least 2 choices")
    low, high = raw.get("min", 1), raw.get("max", 5)
    if kind == "scale" and not (
        isinstance(low, int)
        and isinstance(high, int)
        and not isinstance(low, bool)
        and 0 <= low < high <= 100
    ):
        raise lines.error(
            f"{path}.max", f"a scale needs whole numbers 0 <= min < max <= 100, got {low!r}..{high!r}"
        )
    product = raw.get("product")
    if product is not None and product not in products:
        raise lines.error(f"{path}.product", f"{product!r} is not a product handle of this brief")
    required = raw.get("required", False)
    if not isinstance(required, bool):
        raise lines.error(f"{path}.required", f"expected true or false, got {required!r}")
    return Question(qid, text.strip(), kind, tuple(str(c) for c in choices) if kind == "choice" else (),
                    int(low), int(high), product, required)  # fmt: skip


def parse_survey(raw: Any, lines: _Lines, *, products: Iterable[str]) -> Survey:
    """Check the brief's ``survey:`` section (None: the NPS question only)."""
    if raw is None:
        return Survey()
    if not isinstance(raw, dict):
        raise lines.error("survey", "expected a mapping (nps, questions)")
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise lines.error(f"survey.{unknown[0]}", f"unknown field; known: {', '.join(sorted(_FIELDS))}")
    nps = raw.get("nps", NPS_TEXT)
    if not isinstance(nps, str) or not nps.strip():
        raise lines.error("survey.nps", "expected the wording of the 0-10 recommendation question")
    items = raw.get("questions", [])
    if not isinstance(items, list):
        raise lines.error("survey.questions", "expected a list of questions")
    handles = set(products)
    questions = tuple(_question(q, f"survey.questions[{i}]", lines, handles) for i, q in enumerate(items))
    seen: set[str] = set()
    for i, q in enumerate(questions):
        if q.id in seen:
            raise lines.error(f"survey.questions[{i}].id", f"{q.id!r} is used by an earlier question")
        seen.add(q.id)
    return Survey(nps.strip(), questions)


def _answer(question: Question, text: str) -> str:
    if question.type == "choice":
        if text not in question.choices:
            raise InvalidValue(question.id, f"expected one of {', '.join(question.choices)}")
        return text
    if question.type == "scale":
        if not text.isdigit() or not question.min <= int(text) <= question.max:
            raise InvalidValue(question.id, f"expected a whole number from {question.min} to {question.max}")
        return str(int(text))
    if len(text) > _TEXT_MAX:
        raise InvalidValue(question.id, f"at most {_TEXT_MAX} characters")
    return text


def check_answers(survey: Survey, form: Mapping[str, str]) -> dict[str, str]:
    """The answers given (blank ones left out), each checked; InvalidValue naming the question.

    The NPS answer is a whole number 0-10 and is required, as are questions marked ``required``.
    """
    nps = Question(NPS_ID, survey.nps, "scale", min=0, max=10, required=True)
    out: dict[str, str] = {}
    for question in (nps, *survey.questions):
        text = str(form.get(question.id, "") or "").strip()
        if not text:
            if question.required:
                raise InvalidValue(question.id, "required: please answer this question")
            continue
        out[question.id] = _answer(question, text)
    return out


def net_promoter(answers: Iterable[str]) -> float | None:
    """``% promoters (9-10) - % detractors (0-6)`` of NPS answers; None when there are none."""
    scores = [int(a) for a in answers]
    if not scores:
        return None
    promoters = sum(s >= 9 for s in scores)
    detractors = sum(s <= 6 for s in scores)
    return round(100.0 * (promoters - detractors) / len(scores), 1)
