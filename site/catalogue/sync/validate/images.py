"""A product's images in the feed: where each is fetched from, its position and alt texts."""

from catalogue.sync.errors import RowInvalid
from catalogue.sync.feed import KEEP, ImageData
from catalogue.sync.fetch import is_url, outside_folder, resolve
from catalogue.sync.validate.values import language_map, text


def normalise_images(raw: dict, location: str, carried) -> list[ImageData]:
    """The product's images sorted by position, or RowInvalid; alt texts are KEEP unless
    `carried` names "image_alt"."""
    images = []
    for index, item in enumerate(raw.get("images") or []):
        if not isinstance(item, dict):
            raise RowInvalid(f"image {index + 1} must be an object")
        reference = text(item.get("url"), f"image {index + 1} url", required=True)
        url = resolve(reference, location)
        if is_url(location) and not is_url(url):
            raise RowInvalid(f"image {reference!r} is not an http(s) address")
        if location and not is_url(location) and not is_url(url) and outside_folder(reference):
            raise RowInvalid(f"image {reference!r} is not in the feed's folder")
        position = item.get("position", index + 1)
        if isinstance(position, bool) or not isinstance(position, int):
            raise RowInvalid(f"image {reference!r}: position must be a whole number")
        alt = language_map(item.get("alt"), f"image {position} alt", max_length=250)
        images.append(ImageData(reference, url, position, alt if "image_alt" in carried else KEEP))
    images.sort(key=lambda image: image.position)
    if len({image.ref for image in images}) != len(images):
        raise RowInvalid("the same image is listed twice")
    return images
