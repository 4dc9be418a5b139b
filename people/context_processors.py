NAVIGATION = [
    ("Bright Spots", "/bright-spots/"),
    ("Forum", "/forum/"),
    ("Reviews", "/reviews/"),
    ("Case learning", "/case-learning/"),
    ("Barriers", "/barriers/"),
    ("Search", "/search/"),
    ("Insights", "/insights/"),
]


def navigation(request):
    """The main navigation, with the current section marked for `aria-current`."""
    path = request.path
    return {
        "main_navigation": [
            {"label": label, "url": url, "current": path.startswith(url)}
            for label, url in NAVIGATION
        ]
    }
