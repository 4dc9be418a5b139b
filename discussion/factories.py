from django.contrib.contenttypes.models import ContentType

import factory

from people.factories import UserFactory

from .models import Comment


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment on `target` (any commentable object): `CommentFactory(target=barrier)`."""

    class Meta:
        model = Comment
        exclude = ("target",)

    target = None
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.target))
    object_id = factory.LazyAttribute(lambda o: str(o.target.pk))
    author = factory.SubFactory(UserFactory)
    body = factory.Faker("paragraph", locale="en_GB")
