"""Workspace methods of the listen stage: brands, mentions, sentiment, engagement, scan, themes, advocates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from grassroots.errors import InvalidInput, NotFound
from grassroots.workspace._base import now
from grassroots.workspace._corrections import CorrectionMethods
from grassroots.workspace.results import (
    AdvocatesResult,
    EngagementResult,
    MentionLine,
    ScannedPost,
    ScanResult,
    ScoredText,
)

if TYPE_CHECKING:
    from grassroots.ingest import TextFormat
    from grassroots.listen import (
        Brand,
        EvalPath,
        LabelCheck,
        SentimentFn,
        SentimentName,
        SentimentPath,
        SummaryView,
        Theme,
    )
    from grassroots.records import ProgressFn

__all__ = ["ListenMethods"]

#: texts per sentiment call when a bar is drawn (each text's score does not depend on its batch)
_CHUNK = 512


def _chunked(score: SentimentFn, progress: ProgressFn, step: str) -> SentimentFn:
    """``score`` called on chunks of texts, telling ``progress`` after each one."""

    def run(texts: Sequence[str]) -> list[float]:
        out: list[float] = []
        progress(step, 0, len(texts))
        for start in range(0, len(texts), _CHUNK):
            out += score(texts[start : start + _CHUNK])
            progress(step, min(start + _CHUNK, len(texts)), len(texts))
        return out

    return run


class ListenMethods(CorrectionMethods):
    """Brands to listen for, and what the lake's posts say about them."""

    def add_brand(
        self,
        brand: Brand | Path | str,
        *,
        aliases: Iterable[str] = (),
        handles: Iterable[str] = (),
        hashtags: Iterable[str] = (),
        products: Iterable[str] = (),
        competitors: Iterable[str] = (),
        domains: Iterable[str] = (),
    ) -> Brand:
        """Store a brand (a ``Brand``, a brand YAML file, or a name plus lists); lists are merged with
        what is stored under that name. Returns the stored brand."""
        from grassroots.listen import Brand, load_brand

        if isinstance(brand, Path):
            brand = load_brand(brand)
        elif isinstance(brand, str):
            extra = {"aliases": aliases, "handles": handles, "hashtags": hashtags, "products": products}
            extra |= {"competitors": competitors, "domains": domains}
            brand = Brand.from_name(brand, **{k: list(v) for k, v in extra.items()})
        self._brands.clear()
        return self._book().add(brand)

    def brands(self) -> tuple[Brand, ...]:
        """Every configured brand, by name."""
        return tuple(self._book().list())

    def brand(self, name: str) -> Brand:
        """A configured brand by name, a brand YAML file, or else a bare-name brand."""
        return self._brand(name)

    def mentions(
        self, file: Path, *, brand: str | Brand, fmt: TextFormat | None = None, rejected: bool = False
    ) -> tuple[MentionLine, ...]:
        """The brand's mentions on each line of a text / JSONL file (``rejected``: also other senses)."""
        from grassroots.ingest import read_texts
        from grassroots.listen import find_mentions

        target = self._brand(brand)
        records = read_texts(Path(file), fmt=fmt)  # the whole input is validated first
        return tuple(
            MentionLine(
                r.line, r.id, tuple(find_mentions(r.text, target, include_rejected=rejected)), r.warnings
            )
            for r in records
        )

    def sentiment(
        self,
        file: Path,
        *,
        brand: str | Brand | None = None,
        path: SentimentPath = "accurate",
        fmt: TextFormat | None = None,
    ) -> tuple[ScoredText, ...]:
        """Sentiment of each line of a file (toward ``brand`` when given: configured, a brand YAML file
        or a bare name), in order; no data dir needed."""
        from grassroots.ingest import read_texts
        from grassroots.listen import load_scorer, score_texts

        scorer = load_scorer(path)
        target = self._brand(brand) if brand else None
        records = read_texts(Path(file), fmt=fmt)
        results = []
        self.progress("listen sentiment", 0, len(records))
        for start in range(0, len(records), _CHUNK):
            chunk = records[start : start + _CHUNK]
            results += score_texts([r.text for r in chunk], scorer=scorer, brand=target)
            self.progress("listen sentiment", start + len(chunk), len(records))
        return tuple(ScoredText(r, s) for r, s in zip(records, results, strict=True))

    def listen_evaluate(
        self,
        *,
        brand: str | Brand | None = None,
        path: EvalPath = "accurate",
        label_source: str | None = None,
    ) -> LabelCheck:
        """Our sentiment toward the brand against the labels ingested with the posts (``--map
        ...,label=COL``): macro recall and confusion matrix; ``brand`` keeps only labels about it.
        People's corrections (``correct``) count as additional labels, reported separately under
        ``corrections``: how often our own answer agrees with them, per kind."""
        from grassroots.listen import evaluate_labels
        from grassroots.trust import check_corrections

        book = self._book()
        target = self._brand(brand) if brand else None
        corrections = [c.to_dict() for c in self.corrections()]
        with self._lake() as lake:
            check = evaluate_labels(
                lake, path=path, label_source=label_source, brand=target, resolve=book.resolve
            )
            if not corrections:
                return check
            return replace(check, corrections=check_corrections(lake, corrections))

    def engagement(
        self, brand: str | Brand, *, category_terms: Sequence[str] = (), tier_system: str | None = None
    ) -> EngagementResult:
        """Engagement per account (rate, tier percentile, brand share, consistency), stored in the lake
        table ``engagement``. ``tier_system``: ``markerly_2016``, ``hypeauditor_2023`` or a YAML file."""
        from grassroots.listen import engagement_from_lake

        target = self._brand(brand)
        started = now()
        with self._lake() as lake:
            profiles = engagement_from_lake(
                lake, target, category_terms=category_terms, tier_system=tier_system, progress=self.progress
            )
            run_id = self._last_run(lake, "account_engagement", started)
        return EngagementResult(target.name, tuple(profiles), run_id)

    def listen_scan(
        self, brand: str | Brand, *, path: SentimentPath = "accurate", by: SummaryView = "week"
    ) -> ScanResult:
        """Every lake post about the brand or a competitor, scored toward it, stored in
        ``brand_mentions``; ``by`` is how :meth:`ScanResult.summary` groups by default. Weeks whose
        negative mentions spike raise ``sentiment_spike`` alerts."""
        from grassroots.listen import check_view, load_scorer, scan_brand, sentiment_spike_alerts

        check_view(by)  # before the long scan, not after it
        target = self._brand(brand)
        rivals = [self._brand(name) for name in target.competitors]  # configured ones detect better
        scorer = load_scorer(path)
        started = now()
        with self._lake() as lake:
            rows = scan_brand(
                lake, target, scorer=scorer, path=path, competitors=rivals, progress=self.progress
            )
            run_id = self._last_run(lake, "listen_scan", started)
        alerts = self._raise_alerts(sentiment_spike_alerts(rows, brand=target.name))
        return ScanResult(target.name, tuple(ScannedPost(**row) for row in rows), run_id, by, alerts.read)

    def themes(self, brand: str | Brand, *, subject: str | None = None, top: int = 10) -> tuple[Theme, ...]:
        """After :meth:`listen_scan`: the words and phrases that set negative / neutral / positive
        posts about the brand (or the competitor ``subject``) apart."""
        from grassroots.listen import read_brand_mentions, themes

        if top < 1:
            raise InvalidInput(f"top={top}: expected at least 1")
        target = self._brand(brand)
        about = self._brand(subject) if subject else target
        with self._lake(read_only=True) as lake:
            rows = read_brand_mentions(lake, target, subject=about)
        if not rows:
            raise NotFound(
                f"no scanned posts about {about.name} for {target.name}: run `grassroots listen scan` first"
            )
        return tuple(themes(rows, brand=about, top=top))

    def advocates(
        self,
        brand: str | Brand,
        *,
        sentiment: SentimentName = "accurate",
        customers: Path | None = None,
        fake_scores: Path | Mapping[str, float] | None = None,
        band: tuple[int, int] = (1_000, 100_000),
    ) -> AdvocatesResult:
        """Rank the accounts that post about the brand by organic, positive, repeated mentions, with
        reasons; stored in the lake table ``advocates``. ``customers``: a Shopify customers export to
        link; ``fake_scores``: fake-account probabilities (a mapping or ``trust fake-followers`` output)."""
        from grassroots.listen import (
            AdvocateOptions,
            discover_advocates,
            read_fake_scores,
            read_shop_customers,
            sentiment_by_name,
        )

        polarity = _chunked(sentiment_by_name(sentiment), self.progress, "advocates: sentiment")
        target = self._brand(brand)
        shop = read_shop_customers(Path(customers)) if customers else []
        fakes = read_fake_scores(Path(fake_scores)) if isinstance(fake_scores, str | Path) else fake_scores
        options = replace(AdvocateOptions(), band=band)
        corrected = {s: c for (_, s), c in self._correction_map("advocate", brand=target.name).items()}
        started = now()
        with self._lake() as lake:
            ranked = discover_advocates(
                lake, target, sentiment=polarity, customers=shop, fake_probability=fakes,
                options=options, sentiment_source=sentiment, corrections=corrected,
            )  # fmt: skip
            run_id = self._last_run(lake, "rank_advocates", started)
        return AdvocatesResult(target.name, tuple(ranked), run_id)
