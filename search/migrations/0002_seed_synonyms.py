from django.db import migrations

from search.synonyms import DEFAULT_SYNONYMS


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for term, equivalents in DEFAULT_SYNONYMS:
        Synonym.objects.get_or_create(term=term, defaults={"equivalents": "\n".join(equivalents)})


def unseed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(term__in=[term for term, _ in DEFAULT_SYNONYMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
