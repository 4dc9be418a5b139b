import pytest

from barriers.models import Barrier
from people import roles
from people.factories import UserFactory


@pytest.fixture
def barrier_owner(db):
    return UserFactory(username="barrierowner", roles=[roles.PRACTITIONER, roles.LEADER])


@pytest.fixture
def barrier_creator(db):
    return UserFactory(username="barriercreator", roles=[roles.PRACTITIONER])


@pytest.fixture
def barrier(barrier_owner, barrier_creator):
    return Barrier.objects.create(
        title="Housing forms only accept a fixed address",
        description="The online form will not submit without a postcode.",
        owner=barrier_owner,
        created_by=barrier_creator,
    )


@pytest.fixture
def render_thread():
    """Render `{% comments_for obj %}` as `user` would see it, with `client`'s session if given."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import get_token
    from django.template import RequestContext, Template
    from django.test import RequestFactory

    def _render(obj, user, client=None):
        request = RequestFactory().get("/")
        request.user = user
        request.session = SessionStore(client.session.session_key if client else None)
        get_token(request)
        template = Template("{% load discussion_tags %}{% comments_for obj %}")
        html = template.render(RequestContext(request, {"obj": obj}))
        request.session.save()
        return html

    return _render
