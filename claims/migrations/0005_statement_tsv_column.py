"""Full-text search on a stored tsvector column instead of an expression index.

With only the expression index of migration 0003, a common word made PostgreSQL walk the
primary key backwards (right for `ORDER BY id DESC LIMIT 51`) and compute
to_tsvector('english', statement) for every row it passed, ~17 us each: the planner
underestimates the function's cost. A STORED generated column is computed once per write
(COPY and INSERT included, nothing to maintain by hand), so the walk only reads it, and the
planner gets real lexeme statistics from ANALYZE to choose between the GIN index (rare words)
and the primary-key walk (common words).

PostgreSQL only, like 0003: the model state does not declare the column, so Django never
selects or writes it and `makemigrations --check` stays clean on every backend.
claims.selectors.statement_vector() refers to it.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE claims_claim ADD COLUMN IF NOT EXISTS statement_tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, statement)) STORED",
    "CREATE INDEX IF NOT EXISTS claim_statement_tsv_idx ON claims_claim USING gin (statement_tsv)",
    "DROP INDEX IF EXISTS claim_statement_fts_idx",
    "ANALYZE claims_claim",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS claim_statement_fts_idx ON claims_claim "
    "USING gin (to_tsvector('english', statement))",
    "DROP INDEX IF EXISTS claim_statement_tsv_idx",
    "ALTER TABLE claims_claim DROP COLUMN IF EXISTS statement_tsv",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_unique_keys_without_pattern_index")]
    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
