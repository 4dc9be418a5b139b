"""backup -> restore gives back every row and file exactly; a broken backup changes nothing."""

import datetime
import tarfile
from io import StringIO

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db.models import DateTimeField

import pytest

from common.backup import DERIVED, backed_up_models

pytestmark = pytest.mark.django_db
BAD_ROW = (
    b'<object model="people.user" pk="1"><field name="nope" type="CharField">x</field></object>'
)


def snapshot():
    """Every row of every backed-up table, as plain values keyed by model and primary key."""
    rows = {}
    for model in backed_up_models():
        fields = [f.attname for f in model._meta.concrete_fields]
        values = {}
        for row in model._base_manager.order_by("pk").values_list(*fields):
            values[row[fields.index(model._meta.pk.attname)]] = tuple(
                value.astimezone(datetime.UTC) if isinstance(value, datetime.datetime) else value
                for value in row
            )
        rows[model._meta.label] = values
    return rows


@pytest.fixture
def site_with_everything(db):
    call_command("seed_demo", stdout=StringIO())
    default_storage.save("documents/minutes.txt", ContentFile(b"Forum minutes, March"))
    default_storage.save("images/logo.svg", ContentFile(b"<svg></svg>"))
    yield
    # The rolled-back restore leaves content types cached in this process that the next test's
    # database does not have.
    ContentType.objects.clear_cache()


def test_round_trip_gives_back_every_row_and_file(tmp_path, site_with_everything):
    before = snapshot()
    assert sum(len(rows) for rows in before.values()) > 500
    from search.service import search_learning

    practitioner = __import__("people.models", fromlist=["User"]).User.objects.get(
        username="practitioner"
    )
    before_count = search_learning(practitioner, "").count
    assert before_count > 10
    path = tmp_path / "site.tar.gz"
    call_command("backup", str(path), stdout=StringIO())

    # Change things after the backup: the restore must put them back exactly.
    from barriers.models import Barrier
    from people.models import User

    Barrier.objects.all().delete()
    User.objects.filter(username="practitioner").update(first_name="Changed")
    default_storage.delete("documents/minutes.txt")
    default_storage.save("documents/minutes.txt", ContentFile(b"tampered"))

    call_command("restore", str(path), "--yes", stdout=StringIO())
    after = snapshot()
    for label, rows in before.items():
        if label not in DERIVED:
            assert after[label] == rows, label
    from search.service import search_learning

    practitioner = User.objects.get(username="practitioner")
    assert search_learning(practitioner, "").count == before_count
    assert default_storage.open("documents/minutes.txt").read() == b"Forum minutes, March"
    assert default_storage.open("images/logo.svg").read() == b"<svg></svg>"


def test_restore_asks_before_replacing_anything(tmp_path, site_with_everything):
    path = tmp_path / "site.tar.gz"
    call_command("backup", str(path), stdout=StringIO())
    with pytest.raises(CommandError, match="Run again with --yes"):
        call_command("restore", str(path), stdout=StringIO())


def test_a_corrupt_backup_changes_nothing(tmp_path, site_with_everything):
    path = tmp_path / "site.tar.gz"
    call_command("backup", str(path), stdout=StringIO())
    before = snapshot()
    broken = tmp_path / "broken.tar.gz"
    with tarfile.open(path) as source, tarfile.open(broken, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "data.exactjson":
                # After every good row, one that cannot load: all of them must be undone.
                data = data[: data.rindex(b"]")] + b", " + BAD_ROW + b"]"
                member.size = len(data)
            from io import BytesIO

            target.addfile(member, BytesIO(data))
    with pytest.raises(Exception):  # noqa: B017 - whichever error loaddata raises
        call_command("restore", str(broken), "--yes", stdout=StringIO())
    assert snapshot() == before


def test_not_a_backup_is_refused_clearly(tmp_path):
    path = tmp_path / "notes.tar.gz"
    path.write_bytes(b"not a tarball")
    with pytest.raises(CommandError, match="is not a Bright Spots backup"):
        call_command("restore", str(path), "--yes", stdout=StringIO())


def test_datetime_fields_are_compared_in_one_zone():
    assert any(
        isinstance(field, DateTimeField)
        for model in backed_up_models()
        for field in model._meta.concrete_fields
    )
