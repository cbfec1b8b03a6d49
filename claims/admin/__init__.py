"""The fact-checking desk in Django's admin, one module per screen; this module registers them.

- `queue`: the triage queue (the claim list: columns, filters, search, bulk actions)
- `workbench`: the claim page and the forms it posts, one view per service
- `dashboard`: the desk dashboard
- `claimants`: claimants with their aliases and claims, and merging them
- `articles`: the claims on the article page, through `articles.admin`'s extension point
- `users`: users with their desk role (group and staff flag set together)
- `ratings`: the rating scale; `records`: the workflow's records, read-only
- `export`: the queue's CSV and JSON-lines export actions (claims.export)
- `jobs`: queued ingest jobs, their progress and errors, and retrying them
- `desk`: what the screens share (colours, badges, highlighted text, media, action reports)

Thin on purpose: views and actions validate input, call `claims.services`, and report what was
done and what was refused. What a role may not do is neither offered nor accepted: the
permission hooks hide it, and the services refuse it again.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model

from claims.admin import articles  # noqa: F401  (extends the article admin on import)
from claims.admin.claimants import ClaimantAdmin, ClaimantAliasAdmin
from claims.admin.dashboard import DeskDashboard
from claims.admin.export import ClaimExport
from claims.admin.jobs import IngestJobAdmin
from claims.admin.queue import ClaimQueue
from claims.admin.ratings import RatingAdmin
from claims.admin.records import AppearanceAdmin, SourceAdmin, TransitionAdmin, VerdictAdmin
from claims.admin.users import DeskMemberAdmin
from claims.admin.workbench import ClaimWorkbench
from claims.models import (
    Appearance,
    Claim,
    Claimant,
    ClaimantAlias,
    IngestJob,
    Rating,
    Source,
    Transition,
    Verdict,
)


@admin.register(Claim)
class ClaimAdmin(ClaimQueue, ClaimWorkbench, DeskDashboard, ClaimExport):
    """One model admin, three screens: its list is the queue, its change page the workbench,
    and the dashboard hangs off its URLs. The queue's actions end with the exports."""

    actions = [*ClaimQueue.actions, "export_csv", "export_jsonl"]


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), DeskMemberAdmin)
admin.site.register(Claimant, ClaimantAdmin)
admin.site.register(ClaimantAlias, ClaimantAliasAdmin)
admin.site.register(Rating, RatingAdmin)
admin.site.register(Appearance, AppearanceAdmin)
admin.site.register(Verdict, VerdictAdmin)
admin.site.register(Source, SourceAdmin)
admin.site.register(Transition, TransitionAdmin)
admin.site.register(IngestJob, IngestJobAdmin)
