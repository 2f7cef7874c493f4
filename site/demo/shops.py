"""Demo texts for the shops: the retailers page, the retailers' descriptions and opening hours.

The retailers themselves come from the sample catalogue; their descriptions and opening hours
are editorial (the sync never writes them), so the demo adds them here and translates them.
"""

from demo.texts import t

RETAILERS_PAGE = {
    "title": t("Wo kaufen", en="Where to buy", nl="Waar te koop", fr="Où acheter"),
    "slug": t("wo-kaufen", en="where-to-buy", nl="waar-te-koop", fr="ou-acheter"),
    "intro": t(
        "Das Label verkauft nicht selbst: Diese Läden und Online-Shops führen seine Produkte – "
        "im Aachener Norden, in der Region und über die Grenzen hinweg.",
        en="The label does not sell directly: these shops and online shops stock its products – "
        "in the north of Aachen, in the region and across the borders.",
        nl="Het label verkoopt niet zelf: deze winkels en webwinkels verkopen de producten – in "
        "het noorden van Aken, in de regio en over de grens.",
        fr="Le label ne vend pas lui-même : ces boutiques et boutiques en ligne proposent ses "
        "objets – dans le nord d’Aix-la-Chapelle, dans la région et au-delà des frontières.",
    ),
    "search_description": t(
        "Läden und Online-Shops, die Produkte von Made in Aachen-Nord führen, mit Adressen und "
        "Öffnungszeiten.",
        en="Shops and online shops that stock Made in Aachen-Nord products, with addresses and "
        "opening hours.",
        nl="Winkels en webwinkels die producten van Made in Aachen-Nord verkopen, met adressen en "
        "openingstijden.",
        fr="Boutiques et boutiques en ligne qui proposent les objets Made in Aachen-Nord, avec "
        "adresses et horaires.",
    ),
}

NAVIGATION_LABEL = t("Wo kaufen", en="Where to buy", nl="Waar te koop", fr="Où acheter")

# ref -> (description, opening hours); opening hours one line per day or period.
RETAILERS = {
    "ludwigforum-museumshop": (
        t(
            "Der Shop im Ludwig Forum für Internationale Kunst: Bücher, Editionen und Design aus "
            "der Region.",
            en="The shop of the Ludwig Forum for International Art: books, editions and design "
            "from the region.",
            nl="De winkel van het Ludwig Forum voor Internationale Kunst: boeken, edities en "
            "design uit de regio.",
            fr="La boutique du Ludwig Forum pour l’art international : livres, éditions et "
            "design de la région.",
        ),
        t(
            "Di–So 10–17 Uhr\nDo 10–20 Uhr",
            en="Tue–Sun 10 am–5 pm\nThu 10 am–8 pm",
            nl="di–zo 10–17 uur\ndo 10–20 uur",
            fr="mar.–dim. 10 h–17 h\njeu. 10 h–20 h",
        ),
    ),
    "laden-im-depot": (
        t(
            "Der Laden des Labels im Depot an der Talstraße: alle Produkte, und oft sieht man "
            "nebenan in der Werkstatt, wie sie entstehen.",
            en="The label’s own shop in the Depot on Talstraße: every product, and often you can "
            "watch them being made in the workshop next door.",
            nl="De eigen winkel van het label in het Depot aan de Talstraße: alle producten, en "
            "vaak zie je ernaast in de werkplaats hoe ze gemaakt worden.",
            fr="La boutique du label au Depot, Talstraße : tous les objets, et souvent on peut "
            "voir à côté, dans l’atelier, comment ils sont fabriqués.",
        ),
        t(
            "Mi–Fr 11–18 Uhr\nSa 10–16 Uhr",
            en="Wed–Fri 11 am–6 pm\nSat 10 am–4 pm",
            nl="wo–vr 11–18 uur\nza 10–16 uur",
            fr="mer.–ven. 11 h–18 h\nsam. 10 h–16 h",
        ),
    ),
    "fair-handeln-nrw": (
        t(
            "Der Online-Shop für fair gehandelte und regional gefertigte Produkte aus ganz NRW; "
            "Versand klimaneutral.",
            en="The online shop for fairly traded and regionally made products from all over "
            "North Rhine-Westphalia; carbon-neutral shipping.",
            nl="De webwinkel voor eerlijk verhandelde en regionaal gemaakte producten uit heel "
            "Noordrijn-Westfalen; klimaatneutrale verzending.",
            fr="La boutique en ligne des produits équitables et fabriqués dans la région, de "
            "toute la Rhénanie-du-Nord-Westphalie ; expédition neutre en carbone.",
        ),
        "",
    ),
    "winkel-wyck": (
        t(
            "Concept Store in Wyck, gleich hinter dem Bahnhof Maastricht: Mode, Wohnen und "
            "Design aus der Euregio.",
            en="Concept store in Wyck, just behind Maastricht station: fashion, living and design "
            "from the Euregio.",
            nl="Conceptstore in Wyck, vlak achter station Maastricht: mode, wonen en design uit de "
            "Euregio.",
            fr="Concept store à Wyck, juste derrière la gare de Maastricht : mode, maison et "
            "design de l’Euregio.",
        ),
        t(
            "Di–Sa 10–18 Uhr\nSo 12–17 Uhr",
            en="Tue–Sat 10 am–6 pm\nSun 12–5 pm",
            nl="di–za 10–18 uur\nzo 12–17 uur",
            fr="mar.–sam. 10 h–18 h\ndim. 12 h–17 h",
        ),
    ),
    "atelier-eupen": (
        t(
            "Atelier und Boutique in der Eupener Oberstadt, mit Keramik, Schmuck und Papier.",
            en="Studio and boutique in Eupen’s upper town, with ceramics, jewellery and paper.",
            nl="Atelier en boetiek in de bovenstad van Eupen, met keramiek, sieraden en papier.",
            fr="Atelier et boutique dans la ville haute d’Eupen : céramique, bijoux et papeterie.",
        ),
        t(
            "Di–Fr 10–18 Uhr\nSa 10–17 Uhr",
            en="Tue–Fri 10 am–6 pm\nSat 10 am–5 pm",
            nl="di–vr 10–18 uur\nza 10–17 uur",
            fr="mar.–ven. 10 h–18 h\nsam. 10 h–17 h",
        ),
    ),
    "kaufhaus-fair-koeln": (
        t(
            "Kaufhaus für faire Mode und Wohnen in Ehrenfeld.",
            en="Department store for fair fashion and homeware in Ehrenfeld.",
            nl="Warenhuis voor eerlijke mode en woonaccessoires in Ehrenfeld.",
            fr="Grand magasin de mode et de maison équitables à Ehrenfeld.",
        ),
        t(
            "Mo–Sa 10–19 Uhr",
            en="Mon–Sat 10 am–7 pm",
            nl="ma–za 10–19 uur",
            fr="lun.–sam. 10 h–19 h",
        ),
    ),
}

# An editor's link for a designer (to the retailer's website) and a paid placement for a
# product at an online shop, which opens in a new tab.
DESIGNER_LINK = {"designer": "aylin-kaya", "retailer": "atelier-eupen"}
PAID_LINK = {
    "product": "MAN-0004",
    "retailer": "fair-handeln-nrw",
    "url": "https://shop.fair-handeln-nrw.example/produkt/hocker-talstrasse",
}

# Shop names are proper names: every language keeps them (recorded so no segment is missing).
for _name in (
    "Museumshop Ludwig Forum",
    "Laden im Depot",
    "Fair handeln NRW – Online-Shop",
    "Winkel Wyck",
    "Atelier-Boutique Eupen",
    "Fair-Kaufhaus Köln",
):
    t(_name, en=_name, nl=_name, fr=_name)
