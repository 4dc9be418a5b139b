from barriers.models import Barrier, Occurrence
from stories import demo
from stories.models import Cohort, CohortSummary, Touchpoint
from taxonomy.models import BarrierTheme


def test_seed_builds_one_cohort_of_six_and_is_idempotent(seed_demo):
    theme = BarrierTheme.objects.get(name="Referral bounced between services")
    barrier = Barrier.objects.create(title="Referrals passed between mental health and drugs")
    barrier.themes.add(theme)
    output = seed_demo(demo)
    cohort = Cohort.objects.get(name=demo.COHORT_NAME)
    assert cohort.participants.count() == 6
    assert cohort.area.name == "Gateshead"
    assert sorted(cohort.team.values_list("username", flat=True)) == ["caseteam", "host"]
    for participant in cohort.participants.all():
        assert 5 <= participant.touchpoints.count() <= 10
    outcomes = Touchpoint.objects.for_cohort(cohort).outcome_counts()
    assert outcomes["helped"] and outcomes["snagged"]
    assert Occurrence.objects.filter(barrier=barrier, source="journey").count() == 2
    assert CohortSummary.objects.get(cohort=cohort).published
    assert "6 participants" in output

    seed_demo(demo)
    assert Cohort.objects.filter(name=demo.COHORT_NAME).count() == 1
    assert cohort.participants.count() == 6
    assert Occurrence.objects.filter(barrier=barrier).count() == 2


def test_seed_without_barriers_links_none(seed_demo):
    seed_demo(demo)
    assert not Occurrence.objects.exists()
    assert Touchpoint.objects.count() == sum(len(p["touchpoints"]) for p in demo.PARTICIPANTS)
