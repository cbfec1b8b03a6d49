"""Every write to claims goes through here: the admin, the API and the commands call these.

Each service is keyword-only and atomic. Workflow rules live in one table (ALLOWED) and one
function (claim_transition), so no interface can disagree with another about who may do what.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from articles.inputs import Document
from claims import ingest
from claims.models import (
    Appearance,
    Claim,
    Claimant,
    ClaimantAlias,
    ClaimEdit,
    Kind,
    Rating,
    Reliability,
    Source,
    Stance,
    Status,
    Transition,
    Verdict,
    statement_key,
)
from config.cache import bump_data_version

S = Status

# from-status -> the statuses a claim may move to.
ALLOWED: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.SELECTED, S.DISMISSED}),
    S.SELECTED: frozenset({S.RESEARCHING, S.DISMISSED, S.NEW}),
    S.RESEARCHING: frozenset({S.IN_REVIEW, S.SELECTED}),
    S.IN_REVIEW: frozenset({S.PUBLISHED, S.RESEARCHING}),
    S.PUBLISHED: frozenset(),
    S.DISMISSED: frozenset({S.NEW}),
}

WORK_PERMISSION = "claims.change_claim"
PUBLISH_PERMISSION = "claims.publish_verdict"
MERGE_PERMISSION = "claims.merge_claim"


class WorkflowError(Exception):
    """A move the workflow does not allow; the message says why, in the desk's words."""


class PermissionDenied(WorkflowError):
    """The user's role may not do this."""


def _require(user: AbstractBaseUser | None, perm: str, action: str) -> None:
    if user is None or not user.is_active or not user.has_perm(perm):
        who = getattr(user, "get_username", lambda: "anonymous")()
        raise PermissionDenied(f"{who} may not {action}")


def _label(status: str) -> str:
    return S(status).label.lower()


def allowed_transitions(*, claim: Claim, user: AbstractBaseUser | None) -> list[str]:
    """The statuses this user may move this claim to now (what the admin and API offer)."""
    return allowed_moves(status=claim.status, user=user)


def allowed_moves(*, status: str, user: AbstractBaseUser | None) -> list[str]:
    """The statuses this user may move a claim of this status to (allowed_transitions, for
    a caller that has the status without the claim)."""
    moves = ALLOWED[status]
    if not moves or user is None:  # a published claim moves no further: no need to ask
        return []
    if not user.has_perm(WORK_PERMISSION):
        return []
    return [
        to
        for to in S.values
        if to in moves and (to != S.PUBLISHED or user.has_perm(PUBLISH_PERMISSION))
    ]


def _check_transition(claim: Claim, to: str, by: AbstractBaseUser | None) -> Verdict | None:
    if to not in S.values:
        raise WorkflowError(f"{to!r} is not a claim status (one of: {', '.join(S.values)})")
    _require(by, WORK_PERMISSION, f"change the status of claim {claim.pk}")
    if to not in ALLOWED[claim.status]:
        allowed = ", ".join(_label(s) for s in sorted(ALLOWED[claim.status])) or "none"
        raise WorkflowError(
            f"Claim {claim.pk} cannot move from {_label(claim.status)} to {_label(to)} "
            f"(allowed: {allowed})"
        )
    if to == S.RESEARCHING and claim.assignee_id is None:
        raise WorkflowError(f"Claim {claim.pk} needs an assignee before research starts")
    draft = None
    if to in (S.IN_REVIEW, S.PUBLISHED):
        draft = claim.verdicts.filter(published_at__isnull=True).first()
        if draft is None or draft.rating_id is None or not draft.summary.strip():
            raise WorkflowError(
                f"Claim {claim.pk} needs a draft verdict with a rating and a summary "
                f"before it goes to {_label(to)}"
            )
    if to == S.PUBLISHED:
        _require(by, PUBLISH_PERMISSION, f"publish claim {claim.pk} (only editors publish)")
        problems = publish_problems(claim=claim, draft=draft, by=by)
        if problems:
            raise WorkflowError(f"Claim {claim.pk} cannot be published yet: {'; '.join(problems)}")
    return draft


def publish_problems(
    *, claim: Claim, draft: Verdict | None, by: AbstractBaseUser | None
) -> list[str]:
    """What the publishing rules (settings CLAIMTRACK_PUBLISH_*) still miss before `by` may
    publish this draft; empty when nothing does. The rating and the summary are required
    always (a published verdict without them cannot be stored)."""
    problems = []
    if draft is None or draft.rating_id is None or not draft.summary.strip():
        problems.append("the draft verdict needs a rating and a summary")
    needed = settings.CLAIMTRACK_PUBLISH_MIN_SOURCES
    have = claim.sources.count()
    if have < needed:
        problems.append(f"it needs at least {needed} source(s), and has {have}")
    if settings.CLAIMTRACK_PUBLISH_REQUIRE_EXPLANATION and not (
        draft is not None and draft.explanation.strip()
    ):
        problems.append("the verdict needs an explanation")
    if (
        settings.CLAIMTRACK_REQUIRE_SECOND_REVIEWER
        and draft is not None
        and by is not None
        and draft.author_id == by.pk
    ):
        problems.append(
            f"{by.get_username()} drafted this verdict, and a second editor must publish it"
        )
    return problems


@transaction.atomic
def claim_transition(
    *, claim: Claim, to: str, by: AbstractBaseUser | None, note: str = ""
) -> Transition:
    """Move a claim to another status, or raise WorkflowError saying why it may not move.

    Publishing publishes the draft verdict as a new version; nothing published is changed.
    """
    # Lock the row: two people clicking "publish" at once must not both pass the check
    # against the same old status and write two transitions from it.
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    draft = _check_transition(locked, to, by)
    bump_data_version()
    now = timezone.now()
    if to == S.PUBLISHED and draft is not None:
        draft.published_at = now
        draft.published_by = by
        draft.save(update_fields=["published_at", "published_by", "updated_at"])
    record = Transition.objects.create(
        claim=locked, from_status=locked.status, to_status=to, by=by, note=note
    )
    locked.status = to
    locked.save(update_fields=["status", "updated_at"])
    claim.status = locked.status
    claim.updated_at = locked.updated_at
    return record


@transaction.atomic
def claim_assign(
    *, claim: Claim, assignee: AbstractBaseUser | None, by: AbstractBaseUser | None
) -> Claim:
    """Give a claim to a fact-checker (or to nobody, which is refused while it is researched)."""
    _require(by, WORK_PERMISSION, f"assign claim {claim.pk}")
    bump_data_version()
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if assignee is not None and not assignee.has_perm(WORK_PERMISSION):
        raise WorkflowError(f"{assignee.get_username()} is not a fact-checker or an editor")
    if assignee is None and locked.status in (S.RESEARCHING, S.IN_REVIEW):
        raise WorkflowError(
            f"Claim {claim.pk} is {_label(locked.status)}: it cannot be left without an assignee"
        )
    if locked.status in (S.PUBLISHED, S.DISMISSED):
        raise WorkflowError(f"Claim {claim.pk} is {_label(locked.status)}: nothing to assign")
    locked.assignee = assignee
    locked.save(update_fields=["assignee", "updated_at"])
    claim.assignee = assignee
    return locked


def _next_version(claim: Claim) -> int:
    return (claim.verdicts.aggregate(v=Max("version"))["v"] or 0) + 1


@transaction.atomic
def verdict_draft_save(
    *,
    claim: Claim,
    by: AbstractBaseUser | None,
    rating: Rating | None,
    summary: str,
    explanation: str = "",
    fact_check_url: str = "",
) -> Verdict:
    """Create or update the claim's draft verdict (the next version); published ones stay."""
    _require(by, WORK_PERMISSION, f"write a verdict for claim {claim.pk}")
    bump_data_version()
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if locked.status not in (S.SELECTED, S.RESEARCHING, S.IN_REVIEW):
        raise WorkflowError(
            f"Claim {claim.pk} is {_label(locked.status)}: drafts are written while it is "
            "selected, researched or in review (use a correction once published)"
        )
    draft = locked.verdicts.filter(published_at__isnull=True).first()
    if draft is None:
        draft = Verdict(claim=locked, version=_next_version(locked), author=by)
    draft.rating = rating
    draft.summary = summary.strip()
    draft.explanation = explanation
    draft.fact_check_url = fact_check_url
    draft.full_clean(exclude=["claim", "author", "published_by"])
    draft.save()
    return draft


@transaction.atomic
def verdict_correct(
    *,
    claim: Claim,
    by: AbstractBaseUser | None,
    correction_note: str,
    rating: Rating | None = None,
    summary: str | None = None,
    explanation: str | None = None,
    fact_check_url: str | None = None,
) -> Verdict:
    """Publish a correction: a new verdict version; the previous ones stay as they were."""
    _require(by, PUBLISH_PERMISSION, f"correct the verdict of claim {claim.pk}")
    bump_data_version()
    locked = Claim.objects.select_for_update().get(pk=claim.pk)
    if locked.status != S.PUBLISHED:
        raise WorkflowError(f"Claim {claim.pk} is not published: there is nothing to correct")
    if not correction_note.strip():
        raise WorkflowError("A correction needs a note saying what changed and why")
    current = locked.verdicts.filter(published_at__isnull=False).order_by("-version").first()
    assert current is not None  # a published claim always has a published verdict
    now = timezone.now()
    # A stale draft would take the next version number; a correction supersedes it.
    locked.verdicts.filter(published_at__isnull=True).delete()
    corrected = Verdict(
        claim=locked,
        version=_next_version(locked),
        rating=rating if rating is not None else current.rating,
        summary=(summary if summary is not None else current.summary).strip(),
        explanation=explanation if explanation is not None else current.explanation,
        fact_check_url=fact_check_url if fact_check_url is not None else current.fact_check_url,
        author=by,
        published_by=by,
        published_at=now,
        correction_note=correction_note.strip(),
    )
    corrected.full_clean(exclude=["claim", "author", "published_by"])
    corrected.save()
    Transition.objects.create(
        claim=locked,
        from_status=S.PUBLISHED,
        to_status=S.PUBLISHED,
        by=by,
        note=f"Correction (v{corrected.version}): {corrected.correction_note}",
    )
    return corrected


@transaction.atomic
def source_add(
    *,
    claim: Claim,
    by: AbstractBaseUser | None,
    url: str,
    title: str = "",
    excerpt: str = "",
    stance: str = Stance.CONTEXT,
    reliability: str = Reliability.UNKNOWN,
    archived_url: str = "",
    accessed_at=None,
) -> Source:
    """Attach a piece of evidence to a claim.

    Once a claim is published its sources show on the public fact-check, so only an editor,
    who answers for the published page (and corrects its verdict), may add to them."""
    _require(by, WORK_PERMISSION, f"add a source to claim {claim.pk}")
    bump_data_version()
    locked = Claim.objects.select_for_update().only("status").get(pk=claim.pk)
    if locked.status == S.PUBLISHED:
        _require(
            by,
            PUBLISH_PERMISSION,
            f"add a source to claim {claim.pk}: it is published, and only an editor changes "
            "a published fact-check",
        )
    source = Source(
        claim=claim,
        url=url,
        title=title,
        excerpt=excerpt,
        stance=stance,
        reliability=reliability,
        archived_url=archived_url,
        accessed_at=accessed_at or timezone.now(),
        added_by=by,
    )
    source.full_clean(exclude=["claim", "added_by"])
    source.save()
    return source


# --- Corrections to a claim and its sources, each recorded in the claim's history -----------

_UNSET: object = object()
SOURCE_FIELDS = ("url", "title", "excerpt", "stance", "reliability", "archived_url", "accessed_at")


def _lock_for_edit(claim_pk: int, by: AbstractBaseUser | None, what: str) -> Claim:
    """The claim, locked, once `by` may change `what` of it: fact-checkers and editors may,
    and once it is published (its page is public) only an editor may."""
    _require(by, WORK_PERMISSION, what)
    locked = Claim.objects.select_for_update().get(pk=claim_pk)
    if locked.status == S.PUBLISHED:
        _require(
            by,
            PUBLISH_PERMISSION,
            f"{what}: it is published, and only an editor changes a published fact-check",
        )
    if locked.duplicate_of_id is not None:
        raise WorkflowError(
            f"Claim {claim_pk} was merged into claim {locked.duplicate_of_id}: edit that one"
        )
    return locked


def _plain(value):
    """A field's value as the history stores it (JSON): names for claimants, ISO dates."""
    if isinstance(value, Claimant):
        return value.name
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


@transaction.atomic
def claim_edit(
    *,
    claim: Claim,
    by: AbstractBaseUser | None,
    statement: str | None = None,
    kind: str | None = None,
    claimant: Claimant | object | None = _UNSET,
    note: str = "",
) -> ClaimEdit | None:
    """Correct a claim's statement, kind or claimant (what is not given stays), and record who
    changed what in its history; None when nothing changed.

    The sentences it was found in (its appearances) are the record of what was said, and stay
    as they are; a statement another claim already makes is refused: merge the two instead.
    """
    locked = _lock_for_edit(claim.pk, by, f"edit claim {claim.pk}")
    changes: dict[str, list] = {}
    if statement is not None:
        statement = " ".join(statement.split())
        if not statement:
            raise WorkflowError(f"Claim {claim.pk}: the statement cannot be empty")
        if statement != locked.statement:
            same = (
                Claim.objects.filter(statement_key=statement_key(statement))
                .exclude(pk=locked.pk)
                .values_list("pk", flat=True)
                .first()
            )
            if same is not None:
                raise WorkflowError(
                    f"Claim {same} already says this: merge claim {claim.pk} into it instead"
                )
            changes["statement"] = [locked.statement, statement]
            locked.statement = statement
    if kind is not None and kind != locked.kind:
        if kind not in Kind.values:
            raise WorkflowError(f"{kind!r} is not a claim kind (one of: {', '.join(Kind.values)})")
        changes["kind"] = [locked.kind, kind]
        locked.kind = kind
    if claimant is not _UNSET and getattr(claimant, "pk", None) != locked.claimant_id:
        changes["claimant"] = [_plain(locked.claimant), _plain(claimant)]
        locked.claimant = claimant
    if not changes:
        return None
    bump_data_version()
    locked.save()
    for field in ("statement", "kind", "claimant", "updated_at"):
        setattr(claim, field, getattr(locked, field))
    return ClaimEdit.objects.create(
        claim=locked, subject=ClaimEdit.Subject.CLAIM, changes=changes, by=by, note=note.strip()
    )


@transaction.atomic
def source_edit(
    *, source: Source, by: AbstractBaseUser | None, note: str = "", **fields
) -> ClaimEdit | None:
    """Correct a source's fields (url, title, excerpt, stance, reliability, archived_url,
    accessed_at), recorded in its claim's history; None when nothing changed."""
    unknown = sorted(set(fields) - set(SOURCE_FIELDS))
    if unknown:
        raise WorkflowError(f"A source has no field {', '.join(unknown)}")
    _lock_for_edit(source.claim_id, by, f"edit a source of claim {source.claim_id}")
    locked = Source.objects.select_for_update().get(pk=source.pk)
    changes = {
        name: [_plain(getattr(locked, name)), _plain(value)]
        for name, value in fields.items()
        if value != getattr(locked, name)
    }
    if not changes:
        return None
    for name in changes:
        setattr(locked, name, fields[name])
    locked.full_clean(exclude=["claim", "added_by"])
    bump_data_version()
    locked.save()
    for name in changes:
        setattr(source, name, fields[name])
    return ClaimEdit.objects.create(
        claim_id=locked.claim_id,
        subject=ClaimEdit.Subject.SOURCE,
        source_id=locked.pk,
        changes=changes,
        by=by,
        note=note.strip(),
    )


@transaction.atomic
def source_remove(*, source: Source, by: AbstractBaseUser | None, note: str = "") -> ClaimEdit:
    """Remove a source from its claim; the history keeps what it was. A published claim keeps
    at least the sources publishing requires."""
    claim = _lock_for_edit(source.claim_id, by, f"remove a source of claim {source.claim_id}")
    locked = Source.objects.select_for_update().get(pk=source.pk)
    floor = settings.CLAIMTRACK_PUBLISH_MIN_SOURCES
    if claim.status == S.PUBLISHED and claim.sources.count() <= floor:
        raise WorkflowError(
            f"Claim {claim.pk} is published with {floor} source(s) required: add another "
            "source before removing this one"
        )
    bump_data_version()
    record = ClaimEdit.objects.create(
        claim=claim,
        subject=ClaimEdit.Subject.SOURCE_REMOVED,
        source_id=locked.pk,
        changes={
            name: [_plain(getattr(locked, name)), None] for name in ("url", "title", "stance")
        },
        by=by,
        note=note.strip(),
    )
    locked.delete()
    return record


CLAIMANT_DELETE_PERMISSION = "claims.delete_claimant"


@transaction.atomic
def claimant_delete(*, claimant: Claimant, by: AbstractBaseUser | None) -> None:
    """Delete a claimant nobody's claim names (a junk name from extraction), with its aliases.
    One with claims is refused: merge it into the right claimant instead."""
    _require(by, CLAIMANT_DELETE_PERMISSION, f"delete claimant {claimant.name!r} (editors only)")
    locked = Claimant.objects.select_for_update().get(pk=claimant.pk)
    used = locked.claims.count()
    if used:
        raise WorkflowError(
            f"{locked.name} is the claimant of {used} claim(s): merge it into another claimant "
            "instead of deleting it"
        )
    bump_data_version()
    locked.delete()


def _surviving(pk: int) -> int:
    """The claim `pk` was (transitively) merged into, or `pk` itself."""
    seen = [pk]
    rows = Claim.objects.values_list("duplicate_of_id", flat=True)
    while next_pk := rows.filter(pk=seen[-1]).first():
        if next_pk in seen:
            raise WorkflowError(f"Claims {seen} were merged into each other; fix them by hand")
        seen.append(next_pk)
    return seen[-1]


@dataclass(frozen=True)
class MergeResult:
    survivor: Claim
    merged: int
    appearances_moved: int
    sources_moved: int


@transaction.atomic
def claim_merge(
    *, survivor: Claim, duplicates: Sequence[Claim], by: AbstractBaseUser | None
) -> MergeResult:
    """Merge duplicate claims into one: appearances, sources and history move to the survivor.

    The duplicates stay as dismissed rows pointing at the survivor, so that ingesting their
    statement again lands on the survivor instead of recreating the duplicate. A claim that was
    itself merged away stands for the claim it was merged into, on either side: merging into
    it merges into that claim, so duplicate_of never points at a duplicate; merging a claim
    into one that was merged into it would be a cycle, and is refused.
    """
    _require(by, MERGE_PERMISSION, "merge claims (only editors merge)")
    bump_data_version()
    # The rows named are locked before their merge chains are read (a concurrent merge of the
    # same claims waits here instead of building a cycle between the read and the write).
    asked = {c.pk for c in duplicates} - {survivor.pk}
    list(
        Claim.objects.select_for_update()
        .filter(pk__in=[survivor.pk, *asked])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    root = _surviving(survivor.pk)
    if root in asked:
        raise WorkflowError(
            f"Claim {survivor.pk} was merged into claim {root}: merging claim {root} into it "
            f"would make a cycle (merge the others into claim {root} instead)"
        )
    ids = sorted({_surviving(pk) for pk in asked} - {root})
    if not ids:
        raise WorkflowError(
            "Choose at least one claim other than the survivor to merge"
            if not asked
            else f"Those claims are already merged into claim {root}"
        )
    locked = list(Claim.objects.select_for_update().filter(pk__in=[*ids, root]).order_by("pk"))
    if len(locked) != len(ids) + 1:
        raise WorkflowError("One of the claims to merge no longer exists")
    survivor = next(c for c in locked if c.pk == root)
    published = [c.pk for c in locked if c.pk in ids and c.status == S.PUBLISHED]
    if published:
        raise WorkflowError(f"Published claims cannot be merged away: {published}")

    # Appearances: skip spans the survivor already has (the unique span constraint).
    have = set(Appearance.objects.filter(claim=survivor).values_list("article_id", "start", "end"))
    moved_appearances = 0
    for appearance in Appearance.objects.filter(claim_id__in=ids).order_by("pk"):
        span = (appearance.article_id, appearance.start, appearance.end)
        if span in have:
            appearance.delete()
            continue
        have.add(span)
        appearance.claim = survivor
        appearance.save(update_fields=["claim"])
        moved_appearances += 1
    moved_sources = Source.objects.filter(claim_id__in=ids).update(claim=survivor)
    # History moves too, so the survivor's log tells everything that happened to it.
    Transition.objects.filter(claim_id__in=ids).move_to(survivor)
    ClaimEdit.objects.filter(claim_id__in=ids).move_to(survivor)
    Verdict.objects.filter(claim_id__in=ids, published_at__isnull=True).delete()

    for claim in locked:
        if claim.pk == survivor.pk:
            continue
        Transition.objects.create(
            claim=claim,
            from_status=claim.status,
            to_status=S.DISMISSED,
            by=by,
            note=f"Merged into claim {survivor.pk}",
        )
        claim.status = S.DISMISSED
        claim.duplicate_of = survivor
        claim.assignee = None
        claim.save(update_fields=["status", "duplicate_of", "assignee", "updated_at"])
    Claim.objects.filter(duplicate_of_id__in=ids).update(duplicate_of=survivor)
    return MergeResult(
        survivor=survivor,
        merged=len(ids),
        appearances_moved=moved_appearances,
        sources_moved=moved_sources,
    )


@transaction.atomic
def claimant_merge(
    *, into: Claimant, others: Iterable[Claimant], by: AbstractBaseUser | None
) -> int:
    """Merge claimants: their claims and aliases (and their names, as aliases) move to `into`."""
    _require(by, MERGE_PERMISSION, "merge claimants (only editors merge)")
    bump_data_version()
    ids = sorted({c.pk for c in others} - {into.pk})
    if not ids:
        raise WorkflowError("Choose at least one claimant other than the one kept")
    gone = list(Claimant.objects.select_for_update().filter(pk__in=ids))
    Claim.objects.filter(claimant_id__in=ids).update(claimant=into)
    ClaimantAlias.objects.filter(claimant_id__in=ids).update(claimant=into)
    names = [into.name, *(c.name for c in gone)]
    keys = {ClaimantAlias.key_for(n) for n in names}
    known = set(ClaimantAlias.objects.filter(key__in=keys).values_list("key", flat=True))
    for name in names:
        key = ClaimantAlias.key_for(name)
        if key not in known:
            ClaimantAlias.objects.create(claimant=into, name=name)
            known.add(key)
    if not into.wikidata_id:
        into.wikidata_id = next((c.wikidata_id for c in gone if c.wikidata_id), "")
    Claimant.objects.filter(pk__in=ids).delete()
    into.save()
    return len(ids)


# --- Desk members: a role is a group plus the staff flag the admin needs ----------------------

ROLES = {"fact-checker": "Fact-checkers", "editor": "Editors"}


@transaction.atomic
def desk_member_set_role(*, user: AbstractBaseUser, role: str | None) -> AbstractBaseUser:
    """Give a user a desk role, "fact-checker" or "editor" (replacing the other), with the
    staff flag without which the admin turns them away; None takes the desk roles away and
    leaves the staff flag as it is (the user may have other work in the admin)."""
    from django.contrib.auth.models import Group

    if role is not None and role not in ROLES:
        raise WorkflowError(f"{role!r} is not a desk role (one of: {', '.join(ROLES)})")
    user.groups.remove(*Group.objects.filter(name__in=ROLES.values()))
    if role is not None:
        user.groups.add(Group.objects.get(name=ROLES[role]))
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    return user


def desk_role(user: AbstractBaseUser) -> str | None:
    """The user's desk role by group (editor wins if both), or None."""
    names = set(user.groups.filter(name__in=ROLES.values()).values_list("name", flat=True))
    return next((role for role in ("editor", "fact-checker") if ROLES[role] in names), None)


@transaction.atomic
def desk_member_add(
    *, username: str, role: str, email: str = ""
) -> tuple[AbstractBaseUser, str | None]:
    """A desk member with this role: the user is created when new (with a generated password,
    returned once), else given the role. Returns (user, new password or None)."""
    import secrets

    from django.contrib.auth import get_user_model

    if role not in ROLES:
        raise WorkflowError(f"{role!r} is not a desk role (one of: {', '.join(ROLES)})")
    User = get_user_model()
    username = username.strip()
    if not username:
        raise WorkflowError("A desk member needs a user name")
    user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
    password = None
    if user is None:
        user = User(**{User.USERNAME_FIELD: username}, email=email, is_staff=True)
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.full_clean(exclude=["password"])
        user.save()
    elif email and user.email != email:
        user.email = email
        user.full_clean(exclude=["password"])
        user.save(update_fields=["email"])
    desk_member_set_role(user=user, role=role)
    return user, password


# --- Desk services used by the admin: claims added by hand, extraction re-run -------------

ADD_APPEARANCE_PERMISSION = "claims.add_appearance"
REEXTRACT_PERMISSION = "articles.change_article"


@transaction.atomic
def claim_add_from_span(
    *,
    article,
    start: int,
    end: int,
    by: AbstractBaseUser | None,
    statement: str = "",
    kind: str = "other",
    claimant: Claimant | None = None,
    is_quote: bool = False,
) -> Appearance:
    """Record a claim the pipeline missed, from a span of the article's cleaned text.

    The span is validated against `article.text` (surrounding whitespace is trimmed, so a
    sloppy mouse selection still cites exactly the words). The statement defaults to the span;
    an identical statement already on file gets this appearance instead of a new claim.
    """
    _require(by, WORK_PERMISSION, f"add a claim to article {article.pk}")
    _require(by, ADD_APPEARANCE_PERMISSION, f"add a claim to article {article.pk}")
    bump_data_version()
    text = article.text
    if not (0 <= start < end <= len(text)):
        raise WorkflowError(f"The span {start}–{end} is outside the article's text (0–{len(text)})")
    span = text[start:end]
    if not span.strip():
        raise WorkflowError(f"The span {start}–{end} holds only whitespace")
    start += len(span) - len(span.lstrip())
    end -= len(span) - len(span.rstrip())
    sentence = text[start:end]
    if kind not in Kind.values:
        raise WorkflowError(f"{kind!r} is not a claim kind (one of: {', '.join(Kind.values)})")
    statement = " ".join((statement or sentence).split())
    claim = (
        Claim.objects.select_related("duplicate_of")
        .filter(statement_key=statement_key(statement))
        .first()
    )
    if claim is None:
        claim = Claim.objects.create(statement=statement, kind=kind, claimant=claimant)
    elif claim.duplicate_of is not None:
        claim = claim.duplicate_of
    if Appearance.objects.filter(claim=claim, article=article, start=start, end=end).exists():
        raise WorkflowError(f"Claim {claim.pk} is already recorded at {start}–{end}")
    return Appearance.objects.create(
        claim=claim, article=article, sentence=sentence, start=start, end=end, is_quote=is_quote
    )


def article_add(
    *,
    document: Document,
    by: AbstractBaseUser | None,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published: dt.datetime | None = None,
    authors: Sequence[str] | None = None,
    language: str = "en",
) -> ingest.IngestResult:
    """Ingest one article for a desk member (the admin's "Add article", the API): extract its
    claims and record them in one transaction, or raise IngestError saying why not and write
    nothing. Metadata given here wins over what the input says of itself."""
    _require(by, WORK_PERMISSION, "add articles (fact-checkers and editors only)")
    return ingest.article_ingest(
        text=document.text,
        raw_text=document.raw_text,
        title=title or document.title,
        url=url or document.url,
        publisher=publisher or document.publisher,
        published=published or document.published,
        authors=authors or document.authors,
        language=language or document.language,
    )


def article_reextract(*, article, by: AbstractBaseUser | None) -> ingest.IngestResult:
    """Run the current extraction pipeline over an article again (editors only).

    New claims and appearances are recorded and the untouched claims rescored by the current
    model. An appearance the new run does not find is removed only when nobody has worked on
    its claim; desk work (a claim selected, or one added by hand) keeps its span while the
    text still reads the same there.
    """
    _require(by, REEXTRACT_PERMISSION, f"re-run extraction on article {article.pk}")
    try:
        return ingest.article_reextract(article=article)
    except ingest.IngestError as error:
        raise WorkflowError(f"Article {article.pk}: {error}") from None
