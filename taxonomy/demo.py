"""Demo areas and agencies: real kinds of service in fictional-but-plausible local areas."""

from .models import Agency, AgencySector, Area

AREAS = ["Gateshead", "Lambeth", "Southwark", "Lewisham", "Birmingham", "Wolverhampton"]

AGENCIES = [
    ("Gateshead Adult Social Care", "Adult social care", "Gateshead"),
    ("Gateshead Housing Options", "Housing", "Gateshead"),
    ("Northumbria Police (Gateshead)", "Police", "Gateshead"),
    ("Gateshead Community Mental Health Team", "NHS", "Gateshead"),
    ("Gateshead Drug and Alcohol Service", "Drug and alcohol services", "Gateshead"),
    ("Queen Elizabeth Hospital A&E", "NHS", "Gateshead"),
    ("Lambeth Outreach Team", "Voluntary and community sector", "Lambeth"),
    ("Southwark Women's Centre", "Voluntary and community sector", "Southwark"),
    ("Lewisham Probation Delivery Unit", "Probation", "Lewisham"),
    ("Lambeth Housing Needs", "Housing", "Lambeth"),
    ("South London Recovery Service", "Drug and alcohol services", "Southwark"),
    ("Experts by Experience Network", "Lived experience organisation", "Lambeth"),
    ("Birmingham Jobcentre Plus", "Department for Work and Pensions", "Birmingham"),
    ("Wolverhampton Council Adult Services", "Local authority", "Wolverhampton"),
]


def seed(stdout):
    areas = {name: Area.objects.get_or_create(name=name)[0] for name in AREAS}
    for name, sector, area in AGENCIES:
        Agency.objects.get_or_create(
            name=name,
            defaults={
                "sector": AgencySector.objects.get_or_create(name=sector)[0],
                "area": areas[area],
            },
        )
    stdout.write(f"  {len(AREAS)} areas, {len(AGENCIES)} agencies")
