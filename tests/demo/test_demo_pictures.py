"""The demo's page pictures and portraits (`demo.images.draw_picture`): the same arguments
give the same picture, seeds give different people, and a scene named is a scene drawn. No
database."""

import io

from PIL import Image, ImageChops

from demo import drawing
from demo.images import draw_picture


def picture(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    return image.convert("RGB")


def changed_share(a, b, threshold=24) -> float:
    histogram = ImageChops.difference(a, b).convert("L").histogram()
    return sum(histogram[threshold + 1 :]) / (a.width * a.height)


def test_a_picture_is_the_same_each_time_and_has_its_size():
    data = draw_picture("Werkbank im Depot", (800, 500), "clay", scene=("tools", "offcuts"))
    assert data == draw_picture("Werkbank im Depot", (800, 500), "clay", scene=("tools", "offcuts"))
    assert picture(data).size == (800, 500)


def test_portraits_of_two_people_differ_and_put_the_face_where_the_focal_point_is():
    lena = picture(draw_picture("Porträt Lena Hoffmann", (360, 450), "meadow", portrait=True))
    yusuf = picture(draw_picture("Porträt Yusuf Demir", (360, 450), "meadow", portrait=True))
    assert changed_share(lena, yusuf) > 0.05
    # The head sits where images.demo_image puts the focal point: the middle of the face is
    # not the wall colour.
    x, y, _head = drawing.portrait_geometry((360, 450))
    wall = drawing.rgb(drawing.SETTINGS["meadow"][0])
    face = lena.getpixel((round(x), round(y + 20)))
    assert max(abs(a - b) for a, b in zip(face, wall, strict=True)) > 30


def test_a_named_scene_is_drawn_and_differs_from_the_seeds_choice():
    hall = picture(draw_picture("Kampagne Depot Halle", (960, 500), "depot", scene="hall"))
    table = picture(draw_picture("Kampagne Depot Halle", (960, 500), "depot"))
    assert changed_share(hall, table) > 0.2
