"""Brand mention detection with context disambiguation; the reason is kept per mention."""

from __future__ import annotations

from grassroots.listen.mentions._context import COMMON_WORD_BRANDS, is_ambiguous
from grassroots.listen.mentions._detect import Mention, MentionKind, find_mentions

__all__ = ["COMMON_WORD_BRANDS", "Mention", "MentionKind", "find_mentions", "is_ambiguous"]
