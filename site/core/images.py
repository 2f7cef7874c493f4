"""AVIF renditions at a configurable encoder speed.

libavif's default speed makes one 960 px AVIF in about a quarter of a second; speed 8 takes
a fifth of that for files some 20 % larger. The first visitor of a page waits for its
renditions, so the site encodes at `AVIF_ENCODER_SPEED` (default 8; tests use 10). Registered
through Willow's operation registry, the way Willow plugins add or replace operations.
"""

from django.conf import settings
from willow.image import AvifImageFile
from willow.plugins.pillow import PillowImage
from willow.registry import registry


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


def register():
    registry.register_operation(PillowImage, "save_as_avif", save_as_avif)
