"""Matching in the product: vectors kept in the database, the process's index, Match rows.

Every write here is a keyword-only atomic service shared by ingest, the import command, the
admin and the API. The index (``claims.matching.index``) is a per-process cache of the stored
vectors: the database is the truth, and a candidate the index proposes counts only if the
database still has it (and shows it to the caller).
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import FilteredRelation, Q
from django.utils import timezone

from articles.validators import published_problem, text_problem, url_problem
from claims.matching.claimreview import ReviewRecord
from claims.matching.encoder import default_encoder
from claims.matching.index import GraphIndex, Hit, Matcher, VectorIndex
from claims.matching.ranking import Candidate, TermStatistics, default_reranker
from claims.matching.text import clean_query
from claims.models import (
    Appearance,
    Claim,
    ClaimEmbedding,
    ExternalFactCheck,
    Match,
    MatchStatus,
    Status,
    Transition,
)
from claims.services import MERGE_PERMISSION, WORK_PERMISSION, WorkflowError, _require, claim_merge

logger = logging.getLogger(__name__)

# Claims and fact-checks share one vector index: a key's lowest bit says which table it is.
CLAIM, FACT_CHECK = 0, 1


def claim_key(pk: int) -> int:
    return pk * 2 + CLAIM


def fact_check_key(pk: int) -> int:
    return pk * 2 + FACT_CHECK


def split_key(key: int) -> tuple[int, int]:
    return key & 1, key >> 1


def _to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def _from_bytes(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<f4")


# --- the process's index ---------------------------------------------------------------------

# Rows are picked up by their timestamp; a transaction can commit after a later-stamped one, so
# each catch-up looks back this far again (a row already held is skipped). Ingest's transactions
# are short (one batch of articles); the window bounds what each catch-up reads again.
_LOOK_BACK = timedelta(seconds=30)
# A process looks for rows stored by others at most this often: rows its own services store
# are added at once, other processes' show up within this delay.
_REFRESH_SECONDS = 1.0


class DatabaseIndex:
    """The stored vectors of claims and fact-checks, held in this process for search.

    Loaded on first use (from the snapshot ``match_claims --save-index`` wrote, when there is
    one, else from the database), then topped up with the rows stored since: its high-water
    mark is the time of its last look, and each look reads the rows stamped after it (a query
    on an indexed timestamp). Rows deleted or merged away stay in memory until the process
    restarts (or the next snapshot) but are never returned: ``_source`` asks the database for
    each candidate.
    """

    def __init__(self, *, snapshot: Path | None = None) -> None:
        encoder = default_encoder()
        # Exact by default (no recall lost); the graph for collections where scanning every
        # vector per request is too slow (benchmarks/matching.py has both).
        self.structure = settings.CLAIMTRACK_MATCH_INDEX
        self.matcher = Matcher(
            encoder=encoder,
            reranker=default_reranker(),
            index=self._structure_class()(encoder.dimensions),
            statistics=TermStatistics(),
            source=lambda keys: {},
        )
        self._lock = threading.Lock()
        self._claims_since: datetime | None = None
        self._fact_checks_since: datetime | None = None
        self._refreshed_at = -_REFRESH_SECONDS
        if snapshot is not None:
            self._restore(snapshot)

    def _structure_class(self) -> type[VectorIndex] | type[GraphIndex]:
        return GraphIndex if self.structure == "hnsw" else VectorIndex

    @property
    def version(self) -> str:
        return self.matcher.version

    def add(self, keys: Sequence[int], statements: Sequence[str], vectors: np.ndarray) -> None:
        with self._lock:
            self._add(keys, statements, vectors)

    def _add(
        self,
        keys: Sequence[int],
        statements: Sequence[str],
        vectors: np.ndarray,
        *,
        threads: int = 1,
        replace: bool = True,
    ) -> None:
        """Index these rows; a key already held gets its vector replaced (with ``replace``) or
        is left as it is. Term statistics count each statement once, however often it is
        seen again."""
        held = self.matcher.index
        keys = np.asarray(keys, dtype=np.int64)
        if not len(keys):
            return
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(keys), -1)
        known = held.contains(keys)
        fresh = np.flatnonzero(~known)
        self.matcher.statistics.add_many([statements[i] for i in fresh])
        if not replace:
            keys, vectors = keys[fresh], vectors[fresh]
        held.add(keys, vectors, threads=threads)

    def refresh(self, *, force: bool = False, threads: int = 1) -> None:
        """Add the rows stored since the last look (at most once a second unless ``force``)."""
        version = self.matcher.encoder.version
        with self._lock:
            if not force and time.monotonic() - self._refreshed_at < _REFRESH_SECONDS:
                return
            self._refreshed_at = time.monotonic()
            now = timezone.now()
            rows = ClaimEmbedding.objects.filter(
                encoder_version=version, claim__duplicate_of__isnull=True
            )
            if self._claims_since is not None:
                rows = rows.filter(created_at__gte=self._claims_since - _LOOK_BACK)
            # A claim's vector never changes: one already held is skipped.
            batch = _Batch(self, threads=threads, replace=False)
            for claim_id, statement, vector in rows.values_list(
                "claim_id", "claim__statement", "vector"
            ).iterator(chunk_size=_Batch.SIZE):
                batch.append(claim_key(claim_id), statement, vector)
            batch.flush()
            # A fact-check's text (so its vector) changes when its review is imported again.
            checks = ExternalFactCheck.objects.filter(encoder_version=version)
            if self._fact_checks_since is not None:
                checks = checks.filter(updated_at__gte=self._fact_checks_since - _LOOK_BACK)
            batch = _Batch(self, threads=threads, replace=True)
            for pk, claim_reviewed, title, vector in checks.values_list(
                "pk", "claim_reviewed", "title", "vector"
            ).iterator(chunk_size=_Batch.SIZE):
                batch.append(fact_check_key(pk), f"{claim_reviewed} {title}".strip(), vector)
            batch.flush()
            self._claims_since = self._fact_checks_since = now

    def save(self, folder: Path, *, threads: int = 1) -> dict:
        """Write the index, its term statistics and its high-water mark to ``folder``, for
        processes that start later to load instead of reading and indexing every stored row.

        The files are new each time and ``index.json`` (which names them) is replaced last, so
        a process starting meanwhile reads either the old snapshot or the new one, whole.
        """
        self.refresh(force=True, threads=threads)
        with self._lock:
            folder.mkdir(parents=True, exist_ok=True)
            stamp = uuid.uuid4().hex[:12]
            meta = {
                "encoder": self.matcher.encoder.version,
                "structure": self.structure,
                "vectors": f"{stamp}.{self.structure}",
                "terms": f"{stamp}.terms.npy",
                "count": len(self.matcher.index),
                "claims_since": self._claims_since.isoformat(),
                "fact_checks_since": self._fact_checks_since.isoformat(),
            }
            self.matcher.index.save(folder / meta["vectors"])
            self.matcher.statistics.save(folder / meta["terms"])
            pending = folder / f"index.json.{stamp}"
            pending.write_text(json.dumps(meta, indent=1), encoding="utf-8")
            os.replace(pending, folder / "index.json")
            for old in folder.iterdir():
                if old.name != "index.json" and not old.name.startswith(stamp):
                    old.unlink(missing_ok=True)
        return meta

    def _restore(self, folder: Path) -> None:
        """Start from the snapshot in ``folder`` if there is one for this encoder and index
        structure; otherwise (none yet, another encoder, unreadable) from the database."""
        try:
            meta = json.loads((folder / "index.json").read_text(encoding="utf-8"))
            if meta["encoder"] != self.matcher.encoder.version or meta["structure"] != (
                self.structure
            ):
                logger.warning(
                    "match index snapshot %s is for %s/%s, not %s/%s: loading from the database",
                    folder,
                    meta["encoder"],
                    meta["structure"],
                    self.matcher.encoder.version,
                    self.structure,
                )
                return
            index = self._structure_class().load(
                folder / meta["vectors"], self.matcher.encoder.dimensions
            )
            statistics = TermStatistics.load(folder / meta["terms"])
            claims_since = datetime.fromisoformat(meta["claims_since"])
            fact_checks_since = datetime.fromisoformat(meta["fact_checks_since"])
        except FileNotFoundError:
            return
        except (OSError, ValueError, KeyError, RuntimeError) as exc:
            logger.warning(
                "match index snapshot %s unreadable (%s): loading from the database", folder, exc
            )
            return
        self.matcher.index, self.matcher.statistics = index, statistics
        self._claims_since, self._fact_checks_since = claims_since, fact_checks_since

    def match_claims(
        self, claims: Sequence[tuple[int, str, np.ndarray, set[int]]]
    ) -> dict[int, list[Hit]]:
        """Suggestions for each (claim id, statement, vector, keys to leave out): the stored
        claims older than it and the fact-checks, at or above the threshold.

        One look-up of candidate texts for the whole batch, so its queries do not grow with
        the number of claims.
        """
        # Once per batch, always: what other processes stored meanwhile, and a query count
        # that does not depend on the clock.
        self.refresh(force=True)
        matcher = self.matcher
        wanted = matcher.reranker.candidates
        nearest: dict[int, list[tuple[int, float]]] = {}
        for pk, _, vector, exclude in claims:
            nearest[pk] = self._earlier_nearest(pk, vector, exclude, wanted)
        texts = _Source(public=False, before_claim=None)(
            sorted({key for pairs in nearest.values() for key, _ in pairs})
        )
        out = {}
        for pk, statement, _, _ in claims:
            candidates = [
                Candidate(key=key, text=texts[key][0], title=texts[key][1], cosine=cosine)
                for key, cosine in nearest[pk]
                if key in texts
            ]
            ranked = matcher.rank(clean_query(statement), candidates)
            out[pk] = [h for h in ranked if h.score >= matcher.reranker.threshold][:10]
        return out

    def _earlier_nearest(
        self, pk: int, vector: np.ndarray, exclude: set[int], wanted: int
    ) -> list[tuple[int, float]]:
        """The ``wanted`` nearest keys to a claim's vector, leaving out ``exclude`` and claims
        stored after it (a batch's later claims are already in the index).

        Looks twice as far while what it drops leaves fewer than wanted: a graph search costs
        with the number asked, and asking for the whole batch's size every time made ingest's
        matching cost grow with its batch.
        """
        k = wanted + len(exclude)
        while True:
            keys, cosines = self.matcher.index.search(vector, k)
            kept = [
                (int(key), float(cosine))
                for key, cosine in zip(keys, cosines, strict=True)
                if int(key) not in exclude and not (int(key) & 1 == CLAIM and int(key) >> 1 >= pk)
            ]
            if len(kept) >= wanted or len(keys) < k:
                return kept[:wanted]
            k *= 2

    def search(
        self,
        text: str,
        *,
        vector: np.ndarray | None = None,
        public: bool,
        before_claim: int | None = None,
        exclude: Sequence[int] = (),
        limit: int = 10,
        min_score: float | None = None,
    ) -> list[Hit]:
        """Ranked stored statements for ``text``; ``public`` sees only published claims.

        ``before_claim`` keeps claims older than that claim (a claim is matched against what was
        said before it); ``exclude`` drops keys (the claim itself, rejected pairs).
        """
        source = _Source(public=public, before_claim=before_claim)
        return self._search(text, source, vector, exclude, limit, min_score)

    def search_rows(self, text: str, *, public: bool, limit: int = 10) -> list[Found]:
        """``search`` with each hit's row as the API shows it: the rows read with the
        candidates (claims with their current verdicts, in the same query)."""
        source = _Source(public=public, before_claim=None, verdicts=True)
        hits = self._search(text, source, None, (), limit, None)
        return [
            Found(
                hit=hit,
                claim=source.claims.get(pk) if kind == CLAIM else None,
                fact_check=source.fact_checks.get(pk) if kind == FACT_CHECK else None,
            )
            for hit, (kind, pk) in ((h, split_key(h.key)) for h in hits)
        ]

    def _search(
        self,
        text: str,
        source: _Source,
        vector: np.ndarray | None,
        exclude: Sequence[int],
        limit: int,
        min_score: float | None,
    ) -> list[Hit]:
        self.refresh()
        # A public caller sees few of the claims near a text; look further for them.
        widen = 10 if source.public else 1
        hits = self.matcher.match(
            text, vector=vector, exclude=exclude, limit=limit, source=source, widen=widen
        )
        floor = self.matcher.reranker.threshold if min_score is None else min_score
        return [h for h in hits if h.score >= floor]


@dataclass(frozen=True)
class Found:
    """A ranked hit with the row of the claim or the fact-check it found."""

    hit: Hit
    claim: dict | None
    fact_check: dict | None


class _Batch:
    """Rows read from the database, added to the index many thousands at a time: a first load
    of a million rows never holds them all twice, and each batch's work is done on arrays (one
    look-up of which keys are held, one count of terms, one multi-threaded graph insert)
    rather than row by row."""

    SIZE = 20_000

    def __init__(self, index: DatabaseIndex, *, threads: int = 1, replace: bool) -> None:
        self.index = index
        self.threads = threads
        self.replace = replace
        self.keys: list[int] = []
        self.texts: list[str] = []
        self.vectors: list[bytes | memoryview] = []

    def append(self, key: int, text: str, vector: bytes | memoryview) -> None:
        self.keys.append(key)
        self.texts.append(text)
        self.vectors.append(vector)
        if len(self.keys) == self.SIZE:
            self.flush()

    def flush(self) -> None:
        if self.keys:
            vectors = np.frombuffer(b"".join(self.vectors), dtype="<f4")
            self.index._add(
                self.keys,
                self.texts,
                vectors.reshape(len(self.keys), -1),
                threads=self.threads,
                replace=self.replace,
            )
        self.keys, self.texts, self.vectors = [], [], []


def claim_rows(
    ids: Sequence[int],
    *,
    public: bool,
    current_only: bool = False,
    before_claim: int | None = None,
    verdicts: bool = True,
) -> dict[int, dict]:
    """Claims by id as the API shows them (id, statement, status, and with ``verdicts`` the
    current published verdict), in one query: a public caller gets published claims only,
    ``current_only`` leaves out claims merged into another, ``before_claim`` keeps older claims
    only.

    The verdicts come joined to their claims (a claim row per published version, the newest
    kept: the current verdict as ``selectors.current_verdicts`` defines it): one query, and
    a join is cheaper to build and plan than a correlated subquery per claim.
    """
    claims = Claim.objects.filter(pk__in=list(ids))
    if public:
        claims = claims.filter(status=Status.PUBLISHED)
    if current_only:
        claims = claims.filter(duplicate_of__isnull=True)
    if before_claim is not None:
        claims = claims.filter(pk__lt=before_claim)
    fields = ["pk", "statement", "status"]
    if verdicts:
        claims = claims.annotate(
            published=FilteredRelation(
                "verdicts", condition=Q(verdicts__published_at__isnull=False)
            )
        )
        fields += [f"published__{name}" for name in _VERDICT_FIELDS]
    rows: dict[int, dict] = {}
    newest: dict[int, int] = {}
    for pk, statement, status, *verdict in claims.order_by().values_list(*fields):
        row = rows.setdefault(
            pk, {"id": pk, "statement": statement, "status": status, "verdict": None}
        )
        version, rating, summary, published_at, url = verdict or (None,) * 5
        if version is not None and version > newest.get(pk, 0):
            newest[pk] = version
            row["verdict"] = {
                "rating": rating,
                "summary": summary,
                "published_at": published_at,
                "url": url,
            }
    return rows


_VERDICT_FIELDS = ("version", "rating__label", "summary", "published_at", "fact_check_url")


def fact_check_rows(ids: Sequence[int]) -> dict[int, dict]:
    """Imported fact-checks by id as the API shows them, in one query."""
    fields = ("url", "publisher", "claim_reviewed", "title", "rating", "reviewed_on")
    return {
        row["id"]: row | {"date": row["reviewed_on"]}
        for row in ExternalFactCheck.objects.filter(pk__in=list(ids)).values("id", *fields)
    }


class _Source:
    """The candidates' texts the matcher re-ranks, read from the database (which has the last
    word: a candidate deleted, merged away or unpublished is dropped). It keeps the rows it
    read, which are the rows the API answers with (with ``verdicts``, each claim's current
    verdict read in the same query): the answer needs no second look-up."""

    def __init__(self, *, public: bool, before_claim: int | None, verdicts: bool = False) -> None:
        self.public, self.before_claim, self.verdicts = public, before_claim, verdicts
        self.claims: dict[int, dict] = {}
        self.fact_checks: dict[int, dict] = {}

    def __call__(self, keys: Sequence[int]) -> dict[int, tuple[str, str]]:
        claim_ids = [pk for kind, pk in map(split_key, keys) if kind == CLAIM]
        check_ids = [pk for kind, pk in map(split_key, keys) if kind == FACT_CHECK]
        out: dict[int, tuple[str, str]] = {}
        if claim_ids:
            self.claims = claim_rows(
                claim_ids,
                public=self.public,
                current_only=True,
                before_claim=self.before_claim,
                verdicts=self.verdicts,
            )
            for pk, row in self.claims.items():
                out[claim_key(pk)] = (row["statement"], "")
        if check_ids:
            self.fact_checks = fact_check_rows(check_ids)
            for pk, row in self.fact_checks.items():
                out[fact_check_key(pk)] = (row["claim_reviewed"], row["title"])
        return out


_index: DatabaseIndex | None = None
_index_lock = threading.Lock()


def database_index() -> DatabaseIndex:
    """This process's index (loaded on first use, from CLAIMTRACK_MATCH_SNAPSHOT if set)."""
    global _index
    with _index_lock:
        if _index is None:
            folder = settings.CLAIMTRACK_MATCH_SNAPSHOT
            _index = DatabaseIndex(snapshot=Path(folder) if folder else None)
        return _index


def index_snapshot_save(*, folder: Path, threads: int = 1) -> dict:
    """Build the index from every stored vector and write it to ``folder`` for the web and
    worker processes to load (``match_claims --save-index``); returns what was written.

    Built afresh, not from the previous snapshot: rows deleted since are left behind.
    """
    return DatabaseIndex().save(folder, threads=threads)


def reset_database_index() -> None:
    """Forget the process's index (tests that flush the database start from nothing)."""
    global _index
    with _index_lock:
        _index = None


# --- matches for claims ----------------------------------------------------------------------


@dataclass(frozen=True)
class MatchRun:
    claims: int
    embedded: int
    suggested: int


def _rejected_keys(claim_ids: Sequence[int]) -> dict[int, set[int]]:
    """Per claim, the keys the desk rejected for it, in either direction of a claim pair."""
    out: dict[int, set[int]] = {pk: set() for pk in claim_ids}
    rows = Match.objects.filter(status=MatchStatus.REJECTED).filter(
        Q(claim_id__in=claim_ids) | Q(candidate_claim_id__in=claim_ids)
    )
    for claim_id, candidate_id, check_id in rows.values_list(
        "claim_id", "candidate_claim_id", "fact_check_id"
    ):
        if candidate_id is None:
            out[claim_id].add(fact_check_key(check_id))
            continue
        if claim_id in out:
            out[claim_id].add(claim_key(candidate_id))
        if candidate_id in out:
            out[candidate_id].add(claim_key(claim_id))
    return out


def _store_suggestions(hits: dict[int, list[Hit]], method: str) -> int:
    """Make each claim's suggested matches exactly its ``hits``; decided rows stay as they are.

    Suggestions carry no desk work, so they are replaced whole: a fixed number of queries for
    any number of claims (ingest's query count must not grow with its claims).
    """
    decided = set(
        Match.objects.filter(claim_id__in=list(hits))
        .exclude(status=MatchStatus.SUGGESTED)
        .values_list("claim_id", "candidate_claim_id", "fact_check_id")
    )
    Match.objects.filter(claim_id__in=list(hits), status=MatchStatus.SUGGESTED).delete()
    rows = []
    for claim_id, found in hits.items():
        for hit in found:
            kind, pk = split_key(hit.key)
            target = (pk, None) if kind == CLAIM else (None, pk)
            if (claim_id, *target) in decided:
                continue
            rows.append(
                Match(
                    claim_id=claim_id,
                    candidate_claim_id=target[0],
                    fact_check_id=target[1],
                    score=hit.score,
                    method=method,
                )
            )
    Match.objects.bulk_create(rows)
    return len(rows)


@transaction.atomic
def claims_match(*, claim_ids: Sequence[int]) -> MatchRun:
    """Embed the claims (once per encoder) and record the stored claims and fact-checks they
    match as suggestions. Running it again recomputes the suggestions and keeps decisions."""
    index = database_index()
    encoder = index.matcher.encoder
    claims = dict(
        Claim.objects.filter(pk__in=claim_ids, duplicate_of__isnull=True).values_list(
            "pk", "statement"
        )
    )
    if not claims:
        return MatchRun(claims=0, embedded=0, suggested=0)
    stored = dict(
        ClaimEmbedding.objects.filter(
            claim_id__in=claims, encoder_version=encoder.version
        ).values_list("claim_id", "vector")
    )
    vectors = {pk: _from_bytes(v) for pk, v in stored.items()}
    missing = [pk for pk in claims if pk not in vectors]
    if missing:
        fresh = encoder.encode([claims[pk] for pk in missing])
        ClaimEmbedding.objects.bulk_create(
            [
                ClaimEmbedding(claim_id=pk, vector=_to_bytes(v), encoder_version=encoder.version)
                for pk, v in zip(missing, fresh, strict=True)
            ],
            update_conflicts=True,
            unique_fields=["claim"],
            update_fields=["vector", "encoder_version", "created_at"],
        )
        vectors.update(zip(missing, fresh, strict=True))
    ids = sorted(claims)
    index.add(
        [claim_key(pk) for pk in ids], [claims[pk] for pk in ids], [vectors[pk] for pk in ids]
    )
    rejected = _rejected_keys(ids)
    hits = index.match_claims(
        [(pk, claims[pk], vectors[pk], {claim_key(pk), *rejected[pk]}) for pk in ids]
    )
    suggested = _store_suggestions(hits, index.version)
    return MatchRun(claims=len(ids), embedded=len(missing), suggested=suggested)


def articles_match(*, article_ids: Sequence[int]) -> MatchRun:
    """Match the claims of articles just ingested or re-extracted (unless switched off by
    ``CLAIMTRACK_MATCH_ON_INGEST=0``, e.g. for a bulk load matched later by ``match_claims``)."""
    if not article_ids or not settings.CLAIMTRACK_MATCH_ON_INGEST:
        return MatchRun(claims=0, embedded=0, suggested=0)
    claim_ids = (
        Appearance.objects.filter(article_id__in=article_ids)
        .values_list("claim_id", flat=True)
        .distinct()
    )
    return claims_match(claim_ids=list(claim_ids))


def claims_match_pending(*, batch_size: int = 500) -> MatchRun:
    """Match every claim that has no vector from the current encoder yet (after an ingest)."""
    version = database_index().matcher.encoder.version
    total = MatchRun(claims=0, embedded=0, suggested=0)
    while True:
        pending = list(
            Claim.objects.filter(duplicate_of__isnull=True)
            .exclude(embedding__encoder_version=version)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not pending:
            return total
        run = claims_match(claim_ids=pending)
        total = MatchRun(
            claims=total.claims + run.claims,
            embedded=total.embedded + run.embedded,
            suggested=total.suggested + run.suggested,
        )


@transaction.atomic
def fact_checks_match(*, fact_check_ids: Sequence[int]) -> MatchRun:
    """Embed imported fact-checks and suggest them for the stored claims that they review."""
    index = database_index()
    encoder = index.matcher.encoder
    checks = list(
        ExternalFactCheck.objects.filter(pk__in=fact_check_ids).exclude(
            encoder_version=encoder.version
        )
    )
    texts = [f"{c.claim_reviewed} {c.title}".strip() for c in checks]
    vectors = encoder.encode(texts) if checks else np.zeros((0, encoder.dimensions))
    for check, vector in zip(checks, vectors, strict=True):
        check.vector = _to_bytes(vector)
        check.encoder_version = encoder.version
    ExternalFactCheck.objects.bulk_update(checks, ["vector", "encoder_version", "updated_at"])
    index.add([fact_check_key(c.pk) for c in checks], texts, vectors)
    suggested = 0
    # The fact-check is the query here and the stored claims the candidates: the re-ranker's
    # features are symmetric enough in (query, statement) for either direction.
    for check, text, vector in zip(checks, texts, vectors, strict=True):
        hits = index.search(text, vector=vector, public=False, limit=50)
        for hit in hits:
            kind, claim_id = split_key(hit.key)
            if kind != CLAIM:
                continue
            rejected = Match.objects.filter(
                claim_id=claim_id, fact_check=check, status=MatchStatus.REJECTED
            ).exists()
            if rejected:
                continue
            Match.objects.update_or_create(
                claim_id=claim_id,
                fact_check=check,
                defaults={"score": hit.score, "method": index.version},
                create_defaults={"score": hit.score, "method": index.version},
            )
            suggested += 1
    return MatchRun(claims=len(checks), embedded=len(checks), suggested=suggested)


# --- the desk's decisions ---------------------------------------------------------------------


def _locked_suggestion(match: Match) -> Match:
    locked = (
        Match.objects.select_for_update(of=("self",)).select_related("fact_check").get(pk=match.pk)
    )
    if locked.status != MatchStatus.SUGGESTED:
        raise WorkflowError(f"This match was already {locked.get_status_display().lower()}")
    return locked


@transaction.atomic
def match_confirm(*, match: Match, by: AbstractBaseUser | None) -> Match:
    """The desk agrees: the claim is the earlier claim (merged into it: its wording becomes an
    appearance there; editors only, as any merge) or is reviewed by the fact-check (linked, in
    the claim's history; fact-checkers and editors)."""
    locked = _locked_suggestion(match)
    if locked.candidate_claim_id is not None:
        _require(by, MERGE_PERMISSION, "confirm that two claims are one (only editors merge)")
        survivor = Claim.objects.get(pk=locked.candidate_claim_id)
        claim_merge(survivor=survivor, duplicates=[Claim(pk=locked.claim_id)], by=by)
    else:
        _require(by, WORK_PERMISSION, "link a claim to a fact-check")
        claim = Claim.objects.select_for_update().get(pk=locked.claim_id)
        check = locked.fact_check
        rating = f" ({check.rating})" if check.rating else ""
        Transition.objects.create(
            claim=claim,
            from_status=claim.status,
            to_status=claim.status,
            by=by,
            note=f"Already checked by {check.publisher or 'another fact-checker'}{rating}: "
            f"{check.url}",
        )
    locked.status = MatchStatus.CONFIRMED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    return locked


@transaction.atomic
def match_reject(*, match: Match, by: AbstractBaseUser | None) -> Match:
    """The desk disagrees; the pair is remembered and never suggested again."""
    _require(by, WORK_PERMISSION, "reject a match")
    locked = _locked_suggestion(match)
    locked.status = MatchStatus.REJECTED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    return locked


def confirmed_since(since: date | datetime) -> int:
    """Confirmed matches decided since then: the dashboard's "repeated claims this week"."""
    return Match.objects.filter(status=MatchStatus.CONFIRMED, decided_at__gte=since).count()


# --- other fact-checkers' reviews -------------------------------------------------------------


@dataclass(frozen=True)
class ImportRun:
    created: int
    updated: int
    unchanged: int
    suggested: int


def review_problem(review: ReviewRecord) -> str | None:
    """The first reason a review cannot be stored, naming its field, or None: the rules every
    stored article, source and verdict follows (articles.validators)."""
    fields = {
        "url": review.url,
        "claimReviewed": review.claim_reviewed,
        "author": review.publisher,
        "headline": review.title,
        "itemReviewed author": review.claimant,
        "reviewRating": review.rating,
    }
    for name, value in fields.items():
        if value and (problem := text_problem(value)):
            return f"the {name} {problem}"
    if problem := url_problem(review.url):
        return f"the url {review.url[:100]!r} {problem}"
    if review.reviewed_on is not None:
        midnight = datetime.combine(review.reviewed_on, datetime.min.time(), tzinfo=UTC)
        if problem := published_problem(midnight):
            return f"the datePublished {problem}"
    return None


@transaction.atomic
def fact_checks_import(*, reviews: Sequence[ReviewRecord]) -> ImportRun:
    """Store reviews as external fact-checks, one per url (a url seen again updates its row),
    then embed the new and changed ones and suggest them for the claims they review."""
    fields = ("claim_reviewed", "publisher", "rating", "reviewed_on", "title", "claimant")
    latest = {r.url: r for r in reviews}  # a url twice in one import: the later one wins
    existing = {c.url: c for c in ExternalFactCheck.objects.filter(url__in=latest)}
    created = updated = 0
    touched: list[int] = []
    for url, review in latest.items():
        values = {f: getattr(review, f) for f in fields}
        row = existing.get(url)
        if row is None:
            row = ExternalFactCheck.objects.create(url=url, **values)
            created += 1
        elif any(getattr(row, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(row, f, v)
            row.encoder_version = ""  # the text changed: embed it again
            row.save()
            updated += 1
        else:
            continue
        touched.append(row.pk)
    run = fact_checks_match(fact_check_ids=touched)
    return ImportRun(
        created=created,
        updated=updated,
        unchanged=len(latest) - created - updated,
        suggested=run.suggested,
    )
