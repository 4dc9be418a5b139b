from django.db import migrations

from search.models import split_equivalents
from search.synonyms import DEFAULT_SYNONYMS


def add_synonyms(apps, schema_editor):
    """Add the practice synonyms seeded since 0002, and new equivalents to existing terms,
    keeping anything administrators changed."""
    Synonym = apps.get_model("search", "Synonym")
    for term, equivalents in DEFAULT_SYNONYMS:
        synonym, created = Synonym.objects.get_or_create(
            term=term, defaults={"equivalents": "\n".join(equivalents)}
        )
        if created:
            continue
        current = split_equivalents(synonym.equivalents)
        missing = [e for e in equivalents if e.lower() not in {c.lower() for c in current}]
        if missing:
            synonym.equivalents = "\n".join([*current, *missing])
            synonym.save(update_fields=["equivalents"])


class Migration(migrations.Migration):
    dependencies = [("search", "0005_search_row_rowid")]

    operations = [migrations.RunPython(add_synonyms, migrations.RunPython.noop)]
