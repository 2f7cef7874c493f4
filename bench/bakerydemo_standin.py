"""Content for a bakerydemo checkout without its fixture and photos (see docs/performance.md).

Called by `bench/bakerydemo.py` in its bakerydemo process (Django set up with the checkout's
settings, migrated); `BAKERYDEMO_CONTENT=fixture` uses the checkout's own `load_initial_data`
instead, where its fixture and photos are there.

bakerydemo's own fixture (bakerydemo/base/fixtures/bakerydemo.json, ~550 KB, mostly revisions)
and its photos are not available offline; this makes the same kinds of pages in similar numbers:
a home page with three featured sections, a blog index with 7 posts (3 authors, 2-3 tags, bodies
of ~10 blocks with 2 captioned images), a breads index with 22 breads (origin, type, 2-4
ingredients, 3 paragraphs), 4 more menu pages, footer text and social settings; JPEG stand-ins of
2000x1333 noise, like bakerydemo's photos in pixel size.
"""

import datetime
import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw

rng = random.Random(18)
WORDS = [
    "bread",
    "dough",
    "crust",
    "crumb",
    "flour",
    "yeast",
    "oven",
    "bake",
    "loaf",
    "rye",
    "wheat",
    "butter",
    "sugar",
    "salt",
    "water",
    "knead",
    "proof",
    "rise",
    "sourdough",
    "starter",
    "bakery",
    "morning",
    "warm",
    "golden",
    "soft",
    "crisp",
    "grain",
    "seed",
    "honey",
    "milk",
]


def words(n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize()


def paragraph(n=90):
    return f"<p>{words(n // 3)}. <b>{words(4)}</b> {words(n // 3)}, <i>{words(5)}</i> {words(n // 3)}.</p>"


def make_image(title):
    from wagtail.images.models import Image

    img = PILImage.effect_noise((2000, 1333), 40).convert("RGB")
    draw = ImageDraw.Draw(img)
    for _ in range(30):
        x, y = rng.randrange(2000), rng.randrange(1333)
        draw.ellipse(
            (x, y, x + rng.randrange(50, 400), y + rng.randrange(50, 400)),
            fill=(rng.randrange(256), rng.randrange(200), rng.randrange(120)),
        )
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=85)
    return Image.objects.create(title=title, file=ImageFile(buf, name=f"{title}.jpg"))


def body(blocks, images):
    out = []
    for i in range(blocks):
        kind = i % 5
        if kind == 0:
            out.append({"type": "heading_block", "value": {"heading_text": words(4), "size": "h2"}})
        elif kind == 3 and images:
            out.append(
                {
                    "type": "image_block",
                    "value": {
                        "image": images.pop().pk,
                        "caption": words(5),
                        "attribution": words(2),
                    },
                }
            )
        elif kind == 4:
            out.append(
                {
                    "type": "block_quote",
                    "value": {
                        "text": words(20),
                        "attribute_name": words(2),
                        "settings": {"theme": "default", "text_size": "default"},
                    },
                }
            )
        else:
            out.append({"type": "paragraph_block", "value": paragraph()})
    return out


def main():
    from bakerydemo.base.models import FooterText, GenericSettings, HomePage, Person, StandardPage
    from bakerydemo.blog.models import BlogIndexPage, BlogPage, BlogPersonRelationship
    from bakerydemo.breads.models import (
        BreadIngredient,
        BreadPage,
        BreadsIndexPage,
        BreadType,
        Country,
    )
    from wagtail.images.models import Image
    from wagtail.models import Locale, Page, Site

    images = [make_image(f"standin-{n:02}") for n in range(16)]
    root = Page.objects.get(depth=1)
    locale = Locale.get_default()
    Site.objects.all().delete()
    for page in Page.objects.filter(depth=2):
        page.delete()
    home = HomePage(
        title="Welcome to the Wagtail Bakery!",
        slug="home",
        hero_text=words(20),
        hero_cta="Learn more",
        image=images[0],
        promo_image=images[1],
        promo_title="Where we bake",
        promo_text=paragraph(),
        body=body(3, []),
        locale=locale,
    )
    root.add_child(instance=home)
    Site.objects.create(
        hostname="localhost", root_page=home, is_default_site=True, site_name="bakerydemo"
    )
    breads_index = BreadsIndexPage(
        title="Breads", slug="breads", introduction=words(30), image=images[2], show_in_menus=True
    )
    home.add_child(instance=breads_index)
    for title in ("Locations", "Blog", "Gallery", "About", "Contact us"):
        if title == "Blog":
            blog_index = BlogIndexPage(
                title="Blog",
                slug="blog",
                introduction=words(30),
                image=images[3],
                show_in_menus=True,
            )
            home.add_child(instance=blog_index)
        else:
            home.add_child(
                instance=StandardPage(
                    title=title,
                    slug=title.lower().replace(" ", "-"),
                    introduction=words(20),
                    body=body(4, []),
                    show_in_menus=True,
                )
            )
    home.hero_cta_link = breads_index
    home.featured_section_1, home.featured_section_1_title = breads_index, "Our breads"
    home.featured_section_2, home.featured_section_2_title = blog_index, "From the blog"
    home.featured_section_3, home.featured_section_3_title = breads_index, "More breads"
    home.save_revision().publish()
    people = [
        Person.objects.create(
            first_name=f"First{n}",
            last_name=f"Last{n}",
            job_title="Baker",
            image=images[4 + n],
            live=True,
        )
        for n in range(3)
    ]
    tags = [f"tag-{n}" for n in range(13)]
    for n in range(7):
        post = BlogPage(
            title=f"{words(5)} {n}",
            slug=f"post-{n}",
            introduction=words(35),
            subtitle=words(6),
            image=images[5 + n],
            body=body(10, [images[8 + n % 8], images[(9 + n) % 16]]),
            date_published=datetime.date(2023, 1, 1 + n),
        )
        blog_index.add_child(instance=post)
        post.tags.add(*rng.sample(tags, rng.choice((2, 3))))
        for order, person in enumerate(rng.sample(people, rng.choice((1, 2)))):
            BlogPersonRelationship.objects.create(page=post, person=person, sort_order=order)
        post.save_revision().publish()
    countries = [Country.objects.create(title=words(2)) for _ in range(25)]
    types = [BreadType.objects.create(title=words(2)) for _ in range(18)]
    ingredients = [
        BreadIngredient.objects.create(name=w, live=True)
        for w in ("Yeast", "Flour", "Water", "Cinnamon", "Salt")
    ]
    for n in range(22):
        bread = BreadPage(
            title=f"{words(2)} {n}",
            slug=f"bread-{n}",
            introduction=words(30),
            image=images[n % 16],
            body=[{"type": "paragraph_block", "value": paragraph()} for _ in range(3)],
            origin=rng.choice(countries),
            bread_type=rng.choice(types),
        )
        breads_index.add_child(instance=bread)
        bread.ingredients.set(rng.sample(ingredients, rng.randrange(2, 5)))
        bread.save_revision().publish()
    FooterText.objects.create(
        body="<p>Copyright <b>The Wagtail Bakery</b>. All rights reserved.</p>",
        live=True,
        locale=locale,
    )
    settings = GenericSettings.load()
    settings.mastodon_url, settings.github_url, settings.organisation_url = (
        "https://example.org/@wagtail",
        "https://example.org/wagtail",
        "https://example.org/",
    )
    settings.save()
    return f"stand-in content: {Page.objects.count()} pages, {Image.objects.count()} images"
