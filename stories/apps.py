from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "stories"

    def ready(self):
        from common.fragments import add_audience_part

        # Case learning shows a cohort's records only to its team (common.fragments).
        add_audience_part(cohort_key, topics=["stories"])


def cohort_key(user):
    from .models import CohortMembership

    cohorts = CohortMembership.objects.filter(user=user).values_list("cohort_id", flat=True)
    return "cohorts:" + ",".join(map(str, sorted(cohorts)))
