"""Case learning views. Every cohort URL answers 404 to anyone outside the cohort's team.

`cohorts` (cohorts, their team, the published summary, the access log) and `journeys`
(participants and touchpoints) both find what they show through `lookups`, which only ever
returns what the signed-in user may see.
"""
