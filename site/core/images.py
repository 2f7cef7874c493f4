"""Images: AVIF renditions at a configurable encoder speed, and frames counted honestly.

libavif's default speed makes one 960 px AVIF in about a quarter of a second; speed 8 takes
a fifth of that for files some 20 % larger. The first visitor of a page waits for its
renditions, so the site encodes at `AVIF_ENCODER_SPEED` (default 8; tests use 10). Registered
through Willow's operation registry, the way Willow plugins add or replace operations.
"""

import copy
import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError
from django.utils import translation
from wagtail.images import image_operations
from willow.image import AvifImageFile, WebPImageFile
from willow.plugins.pillow import PillowImage
from willow.registry import registry

logger = logging.getLogger(__name__)

# Seconds no new rendition is attempted after the media storage failed to answer: a page with
# twenty images must not wait twenty times for a bucket that hangs.
STORAGE_PAUSE = 30
_paused_until = 0.0
_pause_lock = threading.Lock()


class MediaStoragePaused(Exception):
    """No rendition made: the media storage failed to answer a moment ago."""


def save_as_avif(image, f, quality=80, lossless=False, apply_optimizers=True):
    kwargs = {"quality": 100, "subsampling": "4:4:4"} if lossless else {"quality": quality}
    kwargs["speed"] = settings.AVIF_ENCODER_SPEED
    pillow_image = image.image
    icc_profile = image.get_icc_profile()
    if icc_profile is not None:
        if pillow_image.mode == "CMYK":
            converted = image.transform_colorspace_to_srgb()
            pillow_image = converted.image
            kwargs["icc_profile"] = converted.get_icc_profile()
        else:
            kwargs["icc_profile"] = icc_profile
    pillow_image.save(f, "AVIF", **kwargs)
    if not lossless and apply_optimizers:
        image.optimize(f, "heic")
    return AvifImageFile(f)


def get_frame_count(image):
    """Every frame of an animated GIF, WebP, PNG or AVIF, read from the file's headers.

    Willow's Pillow plugin answers 1 for every image, so Wagtail's pixel limit (width × height ×
    frames) let a 300-frame 6000 × 6000 GIF through as 36 megapixels. Pillow knows better
    without decoding a frame: WebP, APNG and AVIF state the count in their headers, and for a
    GIF Pillow steps over each frame's compressed data without unpacking it.
    """
    return getattr(image.image, "n_frames", 1)


# The largest side a rendition may ask for: twice the widest the templates use (1920 px).
MAX_RENDITION_SIDE = 4000


def _within_limits(*sides):
    for side in sides:
        if not 1 <= side <= MAX_RENDITION_SIDE:
            raise ValueError(f"a rendition's side must be 1 to {MAX_RENDITION_SIDE} pixels")


class FillOperation(image_operations.FillOperation):
    def construct(self, size, *extra):
        super().construct(size, *extra)
        _within_limits(self.width, self.height)


class MinMaxOperation(image_operations.MinMaxOperation):
    def construct(self, size):
        super().construct(size)
        _within_limits(self.width, self.height)


class WidthHeightOperation(image_operations.WidthHeightOperation):
    def construct(self, size):
        super().construct(size)
        _within_limits(self.size)


class ScaleOperation(image_operations.ScaleOperation):
    def construct(self, percent):
        super().construct(percent)
        if not 0 < self.percent <= 100:
            raise ValueError("a rendition scales to more than 0 and at most 100 per cent")


def bounded_image_operations():
    """Wagtail's resizing operations, refusing sizes no page needs.

    Wagtail takes any number in a filter spec: `fill-1x99999999` crops a one-pixel column and
    stretches it to a hundred million pixels (a MemoryError after gigabytes), `scale-99999`
    enlarges, `fill-0x0` divides by zero. Here such a spec is invalid like a misspelt one, so the
    admin's preview answers 400 and an image tag leaves the image out, before any pixel is
    touched. Registered after Wagtail's own (`register_image_operations`, higher order).
    """
    return [
        ("fill", FillOperation),
        ("min", MinMaxOperation),
        ("max", MinMaxOperation),
        ("width", WidthHeightOperation),
        ("height", WidthHeightOperation),
        ("scale", ScaleOperation),
    ]


def webp_header(f) -> tuple[int, int, int]:
    """Canvas width, height and frame count of a WebP file, from its RIFF chunk headers.

    Pillow opens an animated WebP through libwebp's animation decoder, which allocates the whole
    canvas and decodes the first frame: opening a 6000 × 6000 animation to ask its size cost half
    a gigabyte. The chunk headers say the same without a pixel: the extended header (`VP8X`)
    holds the canvas, each frame is an `ANMF` chunk; a still image has a `VP8 ` or `VP8L` chunk.
    """
    f.seek(0)
    riff = f.read(12)
    if len(riff) < 12 or riff[:4] != b"RIFF" or riff[8:12] != b"WEBP":
        raise ValueError("not a WebP file")
    size, frames = None, 0
    while len(header := f.read(8)) == 8:
        name, length = header[:4], int.from_bytes(header[4:], "little")
        if name == b"ANMF":
            frames += 1
        elif size is None and name in (b"VP8X", b"VP8 ", b"VP8L"):
            head = f.read(10)
            length -= len(head)
            if name == b"VP8X":
                size = (
                    int.from_bytes(head[4:7], "little") + 1,
                    int.from_bytes(head[7:10], "little") + 1,
                )
            elif name == b"VP8 ":
                size = (
                    int.from_bytes(head[6:8], "little") & 0x3FFF,
                    int.from_bytes(head[8:10], "little") & 0x3FFF,
                )
            else:
                bits = int.from_bytes(head[1:5], "little")
                size = ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        f.seek(length + (length & 1), 1)
    f.seek(0)
    if size is None:
        raise ValueError("a WebP file without an image")
    return *size, max(frames, 1)


def webp_get_size(image):
    return webp_header(image.f)[:2]


def webp_get_frame_count(image):
    return webp_header(image.f)[2]


def register():
    """Willow operations, and the patches of Wagtail's image code below (called once, from
    `CoreConfig.ready`). Each patch says what it replaces and why; all were checked against
    Wagtail 8.0.1. Each replacement keeps Wagtail's function as `replaces`, and
    tests/core/test_wagtail_patches.py fails when one of them changes signature or disappears.
    """
    registry.register_operation(PillowImage, "save_as_avif", save_as_avif)
    registry.register_operation(PillowImage, "get_frame_count", get_frame_count)
    registry.register_operation(WebPImageFile, "get_size", webp_get_size)
    registry.register_operation(WebPImageFile, "get_frame_count", webp_get_frame_count)
    _reuse_picture_filters()
    _leave_out_failed_images()
    _pause_renditions_while_storage_fails()
    _alt_text_in_the_active_language()


def _reuse_picture_filters():
    """Let each `{% picture %}` / `{% srcset_image %}` tag keep the Filters it parsed.

    Wagtail makes new Filter objects on every render, so each one parses its operations again
    (through the image-operation hooks and `inspect.getcallargs`) to work out every rendition's
    cache key: some 20 % of rendering a page with pictures. A Filter is fixed by its spec, so the
    tag's are kept on the template node, which the cached template loader keeps.

    Patches `SrcsetImageNode.get_filters(self)` (also `PictureNode`'s, which inherits it): the
    tags' nodes are Wagtail's, made by its template tag functions, so no subclass can stand in.
    """
    from wagtail.images.templatetags.wagtailimages_tags import SrcsetImageNode

    original = SrcsetImageNode.get_filters
    if getattr(original, "reuses_filters", False):
        return

    def get_filters(self):
        filters = self.__dict__.get("_parsed_filters")
        if filters is None:
            filters = self._parsed_filters = original(self)
        return filters

    get_filters.reuses_filters = True
    get_filters.replaces = original
    SrcsetImageNode.get_filters = get_filters


def _leave_out_failed_images():
    """A rendition that cannot be made leaves its image out of the page instead of failing it.

    Wagtail's tags turn a missing original into an `<img src="not-found">` (a broken image, and
    no log), and a corrupt original or an unreachable storage into a server error for the whole
    page. Here any such failure is logged with the event `image_rendition_failed` and the tag
    renders nothing; the page around it is served. Database errors still propagate: they are
    the 503 page's business.

    Patches, in `wagtail.images.templatetags.wagtailimages_tags`, the names
    `get_rendition_or_not_found(image, specs)` and `get_renditions_or_not_found(image, specs)`
    (the tags' stand-in for a missing file, imported there from `wagtail.images.shortcuts`), and
    `render(self, context)` of `ImageNode`, `SrcsetImageNode` and `PictureNode`: Wagtail has no
    setting for a failed rendition, and the tags' nodes are its own.
    """
    from wagtail.images.templatetags import wagtailimages_tags as tags

    if getattr(tags.ImageNode.render, "leaves_out_failures", False):
        return

    # Let the tags see the real error instead of Wagtail's "not-found" stand-in.
    def get_rendition_or_not_found(image, specs):
        return image.get_rendition(specs)

    def get_renditions_or_not_found(image, specs):
        return image.get_renditions(*specs)

    get_rendition_or_not_found.replaces = tags.get_rendition_or_not_found
    get_renditions_or_not_found.replaces = tags.get_renditions_or_not_found
    tags.get_rendition_or_not_found = get_rendition_or_not_found
    tags.get_renditions_or_not_found = get_renditions_or_not_found

    for node_class in (tags.ImageNode, tags.SrcsetImageNode, tags.PictureNode):
        node_class.render = _guarded(node_class.__dict__["render"])


def _guarded(render):
    def render_or_leave_out(self, context):
        try:
            return render(self, context)
        except DatabaseError:
            raise
        except Exception as error:
            rendition_failed(self.image_expr.resolve(context), error)
            if self.output_var_name:
                context[self.output_var_name] = None
            return ""

    render_or_leave_out.leaves_out_failures = True
    render_or_leave_out.replaces = render
    return render_or_leave_out


def rendition_failed(image, error: Exception) -> None:
    """Log, in one line without traceback, that `image` is left out because `error` stopped its
    rendition; while renditions are paused for an unreachable storage, the pause's one line
    says it for all of them."""
    if isinstance(error, MediaStoragePaused):
        return
    logger.error(
        "An image was left out: its rendition failed (%s)",
        type(error).__name__,
        extra={"event": "image_rendition_failed", "image_id": getattr(image, "pk", None)},
    )


def rendition_or_none(image, filter_spec: str):
    """The rendition of `image`, or None when it cannot be made (the original is missing or
    broken, the media storage refuses or hangs, renditions are paused), logged as the image tags
    log it: for renditions made outside the tags. Database errors still propagate, for the 503
    page."""
    try:
        return image.get_rendition(filter_spec)
    except DatabaseError:
        raise
    except Exception as error:
        rendition_failed(image, error)
        return None


def _storage_did_not_answer(error: BaseException | None) -> bool:
    """Whether boto3 could not reach the bucket (refused, timed out, cut off), anywhere in the
    chain of causes (Wagtail wraps a failed read in its SourceImageIOError)."""
    from botocore.exceptions import BotoCoreError

    while error is not None:
        if isinstance(error, BotoCoreError):
            return True
        error = error.__cause__ or error.__context__
    return False


def _pause_renditions_while_storage_fails():
    """Making a rendition reads the original from the media storage and writes the result back.

    When the storage does not answer, the first attempt waits for boto3's timeouts; then no
    rendition is attempted for `STORAGE_PAUSE` seconds in this process (the images are left
    out at once), with one log line `media_storage_unavailable`. Renditions already made need
    no storage request (their URL is built locally) and are shown as usual.

    Patches `AbstractImage.create_rendition(self, filter)` and `create_renditions(self,
    *filters)`: the image model is the project's, but Wagtail's `get_rendition(s)` call these
    from the abstract class, and the rendition cache around them stays Wagtail's.
    """
    from wagtail.images.models import AbstractImage

    for name in ("create_rendition", "create_renditions"):
        create = AbstractImage.__dict__[name]
        if getattr(create, "pauses", False):
            continue
        setattr(AbstractImage, name, _pausing(create))


def _pausing(create):
    def create_unless_paused(self, *args, **kwargs):
        global _paused_until
        if time.monotonic() < _paused_until:
            raise MediaStoragePaused
        try:
            return create(self, *args, **kwargs)
        except Exception as error:
            if _storage_did_not_answer(error):
                with _pause_lock:
                    starts = time.monotonic() >= _paused_until
                    _paused_until = time.monotonic() + STORAGE_PAUSE
                if starts:
                    logger.error(
                        "The media storage did not answer (%s): no new renditions for %s s",
                        type(error).__name__,
                        STORAGE_PAUSE,
                        extra={"event": "media_storage_unavailable", "error": type(error).__name__},
                    )
            raise

    create_unless_paused.pauses = True
    create_unless_paused.replaces = create
    return create_unless_paused


def resume_renditions() -> None:
    """Forget a pause (tests: the storage is back)."""
    global _paused_until
    _paused_until = 0.0


def _copy_rendition(rendition):
    """A shallow copy with its own related-object cache: `copy.copy` goes through pickling
    support and took longer than the lookup it saves."""
    clone = rendition.__class__.__new__(rendition.__class__)
    clone.__dict__ = rendition.__dict__.copy()
    clone._state = copy.copy(rendition._state)
    clone._state.fields_cache = {}
    return clone


def images_in(value):
    """Every image in a StreamField value (or a part of one), however deeply its blocks nest."""
    from wagtail.blocks import StreamValue
    from wagtail.images.models import AbstractImage

    if isinstance(value, AbstractImage):
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from images_in(child.value)
    elif isinstance(value, dict):  # StructValue
        for item in value.values():
            yield from images_in(item)
    elif isinstance(value, (list, tuple)) or type(value).__name__ == "ListValue":
        for item in value:
            yield from images_in(item)


def prefetch_renditions(images):
    """Fetch the renditions of all these images in one query and hand each image its own.

    Wagtail's `picture` and `image` tags then find a rendition among them (or make it and add it)
    without looking in the cache or the database once per tag: the cache lookup unpickled every
    rendition and wrote it back again, which made `<picture>` with three formats and two to
    four sizes the costliest part of a page. Each image object gets its own copies, since a
    rendition's alt text comes from the image object it hangs on (an ImageBlock's alt text).
    """
    from wagtail.images import get_image_model

    pending = [
        image
        for image in images
        if image is not None
        and image.pk
        and getattr(image, "prefetched_renditions", None) is None
        and "renditions" not in getattr(image, "_prefetched_objects_cache", {})
    ]
    if not pending:
        return
    rendition_model = get_image_model().get_rendition_model()
    by_image = {}
    for rendition in rendition_model.objects.filter(image_id__in={i.pk for i in pending}):
        by_image.setdefault(rendition.image_id, []).append(rendition)
    handed_out = set()
    for image in pending:
        renditions = by_image.get(image.pk, [])
        if image.pk in handed_out:  # the same image again (another block): copies of its own
            renditions = [_copy_rendition(rendition) for rendition in renditions]
        handed_out.add(image.pk)
        for rendition in renditions:
            rendition.image = image
        image.prefetched_renditions = list(renditions)


# --- Alt texts in the page's language ---------------------------------------------------------


def german_alt(image) -> str:
    """The image's German alt text: its description, else its title (Wagtail's own rule)."""
    return (getattr(image, "description", "") or image.title or "").strip()


def _alt_text(image, language: str) -> str:
    """The image's alt text in `language` (not German), or "".

    From the image's prefetched `alt_texts` where a queryset asked for them; else, within a
    request, from one query for all alt texts of that language, kept for the request (Wagtail
    works out a rendition's alt text for every `<img>`, also where the template gives `alt=""`,
    so a page of thirty cards would otherwise cost thirty queries); outside a request, one query.
    """
    cached = getattr(image, "_prefetched_objects_cache", {}).get("alt_texts")
    if cached is not None:
        return next((item.alt for item in cached if item.language_code == language), "")
    if not image.pk:
        return ""
    from core.i18n import _request_memo, memoised
    from core.models import ImageAltText

    if _request_memo.get() is None:
        item = ImageAltText.objects.filter(image=image, language_code=language).first()
        return item.alt if item else ""
    table = memoised(
        ("image_alt_texts", language),
        lambda: dict(
            ImageAltText.objects.filter(language_code=language).values_list("image_id", "alt")
        ),
    )
    return table.get(image.pk, "")


def alt_and_language(image, language: str | None = None) -> tuple[str, str]:
    """The alt text of a library image for a page in `language`, and the language it is in.

    The rule, the same for `<img alt>`, `og:image:alt`, `twitter:image:alt` and JSON-LD captions:
    the alt text editors gave for that language in the image's edit form; where there is none,
    the German one (the image's description, else its title) — then the language returned is
    German, so the caller can mark it (`lang="de"`, `inLanguage`).
    """
    source = settings.LANGUAGE_CODE
    language = language or translation.get_language() or source
    if language != source:
        text = _alt_text(image, language).strip()
        if text:
            return text, language
    return german_alt(image), source


def alt_for(image, language: str | None = None) -> str:
    """The alt text of a library image in `language` (default: the active one), falling back to
    German (see `alt_and_language`)."""
    return alt_and_language(image, language)[0]


def _alt_text_in_the_active_language():
    """Wagtail's default alt text (what `{% picture %}`, `{% image %}` and `rendition.alt` use
    when no block gives one) in the active language, through `alt_for`.

    So every image tag on a French page says what the picture shows in French, also in templates
    written later, without each one passing `alt=`. An ImageBlock's own alt text (translated
    with its page) still comes first, as in Wagtail.

    Patches the property `AbstractImage.default_alt_text` (its getter, `(self)`): Wagtail's
    renditions and tags read it from the image, and the image model has no per-request hook.
    """
    from wagtail.images.models import AbstractImage

    original = AbstractImage.__dict__["default_alt_text"]
    if original.fget is _default_alt_text:
        return
    _default_alt_text.replaces = original.fget
    AbstractImage.default_alt_text = property(_default_alt_text)


def _default_alt_text(image):
    return alt_for(image)
