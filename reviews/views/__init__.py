"""Review views: `runs` (start, run, read, reopen and export a review) and `actions` (the shared
action lists and updating an action)."""
