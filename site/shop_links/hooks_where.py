"""Admin hooks for the where to buy: StreamField block registration, retailers page admin bits (imported by wagtail_hooks)."""
