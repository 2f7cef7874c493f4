"""The search index and Wagtail's reference index, written once at the end of `load_demo`.

Every save of a page, snippet or image updates both indexes at once (a signal per save), and
the demo saves its objects thousands of times while it builds, publishes and translates them.
While the demo builds, the saves leave both indexes alone; afterwards `update_index` and
`rebuild_references_index` write each object once, as it stands (5.5 s). On SQLite without
renditions `load_demo` took 80 s of CPU before, 68 s after. The indexes come out more complete:
an image renamed or tagged after its first save is found by its final title, and the stockist
links the catalogue sync writes in bulk (no signals) are in the reference index. Both commands
rebuild every entry, so what a save before the demo left in them is written again, not lost.
"""

import contextlib
import io
import time

from django.core.management import call_command
from django.db.models.signals import post_save
from modelsearch import index as search_index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update


@contextlib.contextmanager
def indexed_once(log=print):
    """Saves inside leave the indexes alone; on leaving without an error both are rebuilt."""
    models = [
        model
        for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    for model in models:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(post_save_signal_handler, sender=model)
    started = time.monotonic()
    call_command("update_index", stdout=io.StringIO(), stderr=io.StringIO())
    call_command("rebuild_references_index", stdout=io.StringIO())
    log(f"Such- und Verweisindex geschrieben ({time.monotonic() - started:.1f} s).")
