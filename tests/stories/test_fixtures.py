"""The words the leak tests look for can never be produced by a factory, so those tests only fail
on a real leak (a user generated as 'Robinson' once made 'Robin' appear on every page)."""

from faker import Faker

from .conftest import SENTINELS


def test_no_generated_name_contains_a_sentinel_word():
    person = Faker("en_GB").provider("faker.providers.person")
    names = [*person.first_names, *person.last_names]
    assert len(names) > 500
    for word in SENTINELS:
        assert not [name for name in names if word.lower() in name.lower()], word
