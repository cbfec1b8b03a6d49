"""Text search indexes on claim statements: PostgreSQL full-text and trigram.

Created only on PostgreSQL (other databases use the portable icontains fallback), so the model
state does not declare them and `makemigrations --check` stays clean on every backend.
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS claim_statement_fts_idx ON claims_claim "
    "USING gin (to_tsvector('english', statement))",
    "CREATE INDEX IF NOT EXISTS claim_statement_trgm_idx ON claims_claim "
    "USING gin (statement gin_trgm_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS claim_statement_trgm_idx",
    "DROP INDEX IF EXISTS claim_statement_fts_idx",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("claims", "0002_default_ratings_and_roles")]
    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
