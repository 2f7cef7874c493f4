"""Admin hooks for the link checker: broken-links report and dashboard panel (imported by wagtail_hooks)."""
