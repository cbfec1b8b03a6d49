"""Drop four foreign-key indexes that a composite index already leads with.

- appearance.claim: appearance_unique_span is (claim, article, start, end);
- appearance.article: (article, start);
- claim.assignee: claim_assignee_idx is (assignee, status);
- verdict.claim: verdict_unique_version is (claim, version).

Ingest writes every appearance and claim through the first three; each index dropped is one less
to update per row (the verdict's goes for the same reason). Only the indexes go: an AlterField would drop and re-add the foreign keys, which
PostgreSQL then re-validates over the whole table under lock.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

DROPPED = [
    ("claims_appearance", "claim_id", "claims_appearance_claim_id_e65ab55a"),
    ("claims_appearance", "article_id", "claims_appearance_article_id_bbc7c6f9"),
    ("claims_claim", "assignee_id", "claims_claim_assignee_id_490d6049"),
    ("claims_verdict", "claim_id", "claims_verdict_claim_id_34127f06"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_unique_keys_without_pattern_index"),
        ("claims", "0006_worthiness_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="appearance",
                    name="article",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="appearances",
                        to="articles.article",
                    ),
                ),
                migrations.AlterField(
                    model_name="appearance",
                    name="claim",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="appearances",
                        to="claims.claim",
                    ),
                ),
                migrations.AlterField(
                    model_name="claim",
                    name="assignee",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="assigned_claims",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="verdict",
                    name="claim",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="verdicts",
                        to="claims.claim",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{index}"',
                    reverse_sql=f'CREATE INDEX "{index}" ON "{table}" ("{column}")',
                )
                for table, column, index in DROPPED
            ],
        ),
    ]
