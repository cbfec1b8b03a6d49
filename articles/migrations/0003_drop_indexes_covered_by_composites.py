"""Drop article.publisher's own index: (publisher, -published_at) leads with the same column.

Only the index goes: an AlterField would drop and re-add the foreign key, which PostgreSQL then
re-validates over the whole table under lock.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_unique_keys_without_pattern_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="publisher",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="articles",
                        to="articles.publisher",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "articles_article_publisher_id_95fc2d71"',
                    reverse_sql='CREATE INDEX "articles_article_publisher_id_95fc2d71" '
                    'ON "articles_article" ("publisher_id")',
                ),
            ],
        ),
    ]
