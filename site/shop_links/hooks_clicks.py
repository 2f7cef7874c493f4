"""Admin hooks for the click report (imported by wagtail_hooks)."""
