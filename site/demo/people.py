"""Demo designers (the eight of the sample catalogue, refs matching) and product stories."""

from demo.texts import t


def same(text: str) -> str:
    """A text that reads the same in every language (a name, an address)."""
    return t(text, en=text, nl=text, fr=text)


INDEXES = {
    "designers": {
        "title": t("Designer:innen", en="Designers", nl="Ontwerpers", fr="Créateurs"),
        "slug": t("designerinnen", en="designers", nl="ontwerpers", fr="createurs"),
        "intro": t(
            "Die Menschen hinter den Produkten: Designer:innen aus Aachen und dem Dreiländereck, "
            "die ihre Entwürfe an das Label lizenzieren.",
            en="The people behind the products: designers from Aachen and the border region who "
            "license their designs to the label.",
            nl="De mensen achter de producten: ontwerpers uit Aken en de Euregio die hun ontwerpen "
            "in licentie geven aan het label.",
            fr="Les personnes derrière les objets : des créateurs d’Aix-la-Chapelle et de la région "
            "des trois frontières qui confient leurs modèles au label.",
        ),
    },
    "products": {
        "title": t("Produkte", en="Products", nl="Producten", fr="Produits"),
        "slug": t("produkte", en="products", nl="producten", fr="produits"),
        "intro": t(
            "Alles, was das Label gerade anbietet – entworfen in der Region, gefertigt im Quartier.",
            en="Everything the label offers right now – designed in the region, made in the quarter.",
            nl="Alles wat het label nu aanbiedt – ontworpen in de regio, gemaakt in de wijk.",
            fr="Tout ce que le label propose en ce moment – conçu dans la région, fabriqué dans le "
            "quartier.",
        ),
    },
    "stories": {
        "title": t("Geschichten", en="Stories", nl="Verhalen", fr="Histoires"),
        "slug": t("geschichten", en="stories", nl="verhalen", fr="histoires"),
        "intro": t(
            "Wie aus Entwürfen Produkte werden – erzählt aus den Werkstätten im Aachener Norden.",
            en="How designs become products – told from the workshops in the north of Aachen.",
            nl="Hoe ontwerpen producten worden – verteld vanuit de werkplaatsen in het noorden van "
            "Aken.",
            fr="Comment les modèles deviennent des objets – racontés depuis les ateliers du nord "
            "d’Aix-la-Chapelle.",
        ),
    },
}

DISCIPLINES = {
    "textil": t("Textil", en="Textiles", nl="Textiel", fr="Textile"),
    "holz": t("Holz", en="Wood", nl="Hout", fr="Bois"),
    "keramik": t("Keramik", en="Ceramics", nl="Keramiek", fr="Céramique"),
    "druck": t("Druck", en="Print", nl="Druk", fr="Impression"),
    "schmuck": t("Schmuck", en="Jewellery", nl="Sieraden", fr="Bijoux"),
    "licht": t("Licht", en="Light", nl="Licht", fr="Luminaires"),
    "papier": t("Papier", en="Paper", nl="Papier", fr="Papier"),
}

TAGS = {
    "werkstatt": t("Werkstatt", en="Workshop", nl="Werkplaats", fr="Atelier"),
    "material": t("Material", en="Material", nl="Materiaal", fr="Matière"),
    "quartier": t("Quartier", en="Neighbourhood", nl="Wijk", fr="Quartier"),
}

DESIGNERS = [
    {
        "ref": "lena-hoffmann",
        "name": same("Lena Hoffmann"),
        "disciplines": ["textil"],
        "studio": "Atelier Stoffwechsel",
        "city": "Aachen",
        "palette": "meadow",
        "lead": t(
            "Lena Hoffmann näht aus ausgemusterten Straßenbahnsitzen Taschen mit Geschichte.",
            en="Lena Hoffmann sews bags with a history from retired tram seats.",
            nl="Lena Hoffmann naait tassen met een verhaal uit afgedankte trambanken.",
            fr="Lena Hoffmann coud des sacs chargés d’histoire à partir de sièges de tramway "
            "réformés.",
        ),
        "bio": t(
            "Sie hat Modedesign in Aachen studiert und arbeitet seit Jahren mit Stoffen, die sonst "
            "im Müll landen würden. Für das Label entwirft sie Taschen und Kissen, die in der "
            "Nähwerkstatt im Depot entstehen.",
            en="She studied fashion design in Aachen and has worked for years with fabrics that "
            "would otherwise end up as waste. For the label she designs bags and cushions that are "
            "made in the Depot’s sewing workshop.",
            nl="Ze studeerde modeontwerp in Aken en werkt al jaren met stoffen die anders bij het "
            "afval zouden belanden. Voor het label ontwerpt ze tassen en kussens die in de "
            "naaiwerkplaats van het Depot worden gemaakt.",
            fr="Diplômée en design de mode à Aix-la-Chapelle, elle travaille depuis des années avec "
            "des tissus voués au rebut. Pour le label, elle dessine des sacs et des coussins "
            "fabriqués dans l’atelier de couture du Depot.",
        ),
    },
    {
        "ref": "yusuf-demir",
        "name": same("Yusuf Demir"),
        "disciplines": ["holz"],
        "studio": "Demir Möbel",
        "city": "Aachen",
        "palette": "clay",
        "lead": t(
            "Yusuf Demir baut Möbel aus Eichenholz, das aus Aachener Abrisshäusern stammt.",
            en="Yusuf Demir builds furniture from oak salvaged from demolished houses in Aachen.",
            nl="Yusuf Demir maakt meubels van eikenhout uit gesloopte huizen in Aken.",
            fr="Yusuf Demir fabrique des meubles en chêne récupéré dans des maisons démolies "
            "d’Aix-la-Chapelle.",
        ),
        "bio": t(
            "Als Tischlermeister bildet er in der Holzwerkstatt des Depots aus. Seine Hocker und "
            "Regale sind so entworfen, dass sie mit einfachen Maschinen in kleinen Serien gefertigt "
            "werden können.",
            en="A master carpenter, he trains apprentices in the Depot’s woodworking shop. His "
            "stools and shelves are designed to be made in small series with simple machines.",
            nl="Als meester-schrijnwerker leidt hij leerlingen op in de houtwerkplaats van het Depot. "
            "Zijn krukken en wandplanken zijn zo ontworpen dat ze met eenvoudige machines in kleine "
            "series gemaakt kunnen worden.",
            fr="Maître menuisier, il forme des apprentis dans l’atelier bois du Depot. Ses tabourets "
            "et étagères sont conçus pour être fabriqués en petites séries avec des machines "
            "simples.",
        ),
    },
    {
        "ref": "marie-claes",
        "name": same("Marie Claes"),
        "disciplines": ["keramik"],
        "studio": "Atelier Claes",
        "city": "Eupen",
        "palette": "river",
        "lead": t(
            "Marie Claes dreht Becher und Schalen, deren Glasuren die Farben der Soers aufnehmen.",
            en="Marie Claes throws mugs and bowls whose glazes take up the colours of the Soers "
            "valley.",
            nl="Marie Claes draait bekers en schalen waarvan de glazuren de kleuren van de Soers "
            "overnemen.",
            fr="Marie Claes tourne des tasses et des bols dont les émaux reprennent les couleurs de "
            "la vallée de la Soers.",
        ),
        "bio": t(
            "Die Keramikerin aus Ostbelgien pendelt zwischen ihrem Atelier in Eupen und Aachen. Ihre "
            "Entwürfe verbinden belgische Töpfertradition mit klaren, alltagstauglichen Formen.",
            en="The ceramicist from East Belgium commutes between her studio in Eupen and Aachen. "
            "Her designs combine the Belgian pottery tradition with clear, everyday shapes.",
            nl="De keramiste uit Oost-België pendelt tussen haar atelier in Eupen en Aken. Haar "
            "ontwerpen verbinden de Belgische pottenbakkerstraditie met heldere, praktische vormen.",
            fr="La céramiste de l’Est de la Belgique partage son temps entre son atelier d’Eupen et "
            "Aix-la-Chapelle. Ses créations allient la tradition potière belge à des formes "
            "claires, faites pour le quotidien.",
        ),
    },
    {
        "ref": "joris-van-dijk",
        "name": same("Joris van Dijk"),
        "disciplines": ["druck"],
        "studio": "Drukkerij Noord",
        "city": "Maastricht",
        "palette": "depot",
        "lead": t(
            "Joris van Dijk zeichnet Plakate und Drucke über das Leben im Aachener Norden.",
            en="Joris van Dijk draws posters and prints about life in the north of Aachen.",
            nl="Joris van Dijk tekent affiches en prenten over het leven in het noorden van Aken.",
            fr="Joris van Dijk dessine des affiches et des estampes sur la vie dans le nord "
            "d’Aix-la-Chapelle.",
        ),
        "bio": t(
            "Der Grafiker aus Maastricht druckt seine Motive gemeinsam mit Siebdruck Aachen-Nord. "
            "Jede Auflage ist klein und nummeriert.",
            en="The graphic artist from Maastricht prints his motifs together with Aachen-Nord "
            "screen printing. Every edition is small and numbered.",
            nl="De grafisch ontwerper uit Maastricht drukt zijn motieven samen met Siebdruck "
            "Aachen-Nord. Elke oplage is klein en genummerd.",
            fr="Le graphiste de Maastricht imprime ses motifs avec l’atelier de sérigraphie "
            "d’Aachen-Nord. Chaque tirage est petit et numéroté.",
        ),
    },
    {
        "ref": "aylin-kaya",
        "name": same("Aylin Kaya"),
        "disciplines": ["schmuck"],
        "studio": "Kaya Schmuck",
        "city": "Aachen",
        "palette": "meadow",
        "lead": t(
            "Aylin Kaya macht Schmuck aus Fahrradspeichen und Messingresten.",
            en="Aylin Kaya makes jewellery from bicycle spokes and brass offcuts.",
            nl="Aylin Kaya maakt sieraden van fietsspaken en restjes messing.",
            fr="Aylin Kaya crée des bijoux à partir de rayons de vélo et de chutes de laiton.",
        ),
        "bio": t(
            "Die Goldschmiedin arbeitet mit der Laserschnitt-Werkstatt in der Talbotstraße. Ihre "
            "Stücke sind leicht, robust und einfach zu reparieren.",
            en="The goldsmith works with the laser-cutting workshop in Talbotstraße. Her pieces are "
            "light, robust and easy to repair.",
            nl="De edelsmid werkt samen met de lasersnijwerkplaats in de Talbotstraße. Haar stukken "
            "zijn licht, stevig en eenvoudig te repareren.",
            fr="L’orfèvre travaille avec l’atelier de découpe laser de la Talbotstraße. Ses pièces "
            "sont légères, solides et faciles à réparer.",
        ),
    },
    {
        "ref": "tom-becker",
        "name": same("Tom Becker"),
        "disciplines": ["licht"],
        "studio": "Becker Licht",
        "city": "Herzogenrath",
        "palette": "depot",
        "lead": t(
            "Tom Becker entwirft Leuchten nach dem Vorbild alter Oberleitungen.",
            en="Tom Becker designs lamps modelled on old overhead tram lines.",
            nl="Tom Becker ontwerpt lampen naar het voorbeeld van oude bovenleidingen.",
            fr="Tom Becker dessine des luminaires inspirés des anciennes caténaires de tramway.",
        ),
        "bio": t(
            "Der Elektroingenieur wurde spät zum Designer. Seine Leuchten bestehen aus wenigen, "
            "verschraubten Teilen, damit sie lange halten.",
            en="The electrical engineer became a designer late in life. His lamps consist of a few "
            "screwed parts so that they last a long time.",
            nl="De elektrotechnisch ingenieur werd pas later ontwerper. Zijn lampen bestaan uit "
            "weinig, verschroefde onderdelen, zodat ze lang meegaan.",
            fr="Ingénieur électricien, il est devenu designer sur le tard. Ses luminaires se "
            "composent de quelques pièces vissées, pour durer longtemps.",
        ),
    },
    {
        "ref": "sofia-rossi",
        "name": same("Sofia Rossi"),
        "disciplines": ["papier", "druck"],
        "studio": "Carta Nord",
        "city": "Aachen",
        "palette": "river",
        "lead": t(
            "Sofia Rossi gestaltet Notizbücher und Karten mit Motiven aus dem Quartier.",
            en="Sofia Rossi designs notebooks and cards with motifs from the neighbourhood.",
            nl="Sofia Rossi ontwerpt notitieboeken en kaarten met motieven uit de wijk.",
            fr="Sofia Rossi conçoit des carnets et des cartes aux motifs du quartier.",
        ),
        "bio": t(
            "Die Illustratorin kam zum Studium nach Aachen und blieb. Sie zeichnet Straßen, "
            "Hinterhöfe und Menschen im Aachener Norden.",
            en="The illustrator came to Aachen to study and stayed. She draws streets, backyards "
            "and people in the north of Aachen.",
            nl="De illustratrice kwam naar Aken om te studeren en bleef. Ze tekent straten, "
            "binnenplaatsen en mensen in het noorden van Aken.",
            fr="L’illustratrice est venue étudier à Aix-la-Chapelle et y est restée. Elle dessine "
            "les rues, les arrière-cours et les habitants du nord de la ville.",
        ),
    },
    {
        "ref": "studio-depot",
        "name": same("Studio Depot"),
        "disciplines": ["textil", "holz"],
        "studio": "Depot Talstraße",
        "city": "Aachen",
        "palette": "clay",
        "lead": t(
            "Das Studio Depot ist das Entwurfsteam der Werkstätten im Depot selbst.",
            en="Studio Depot is the design team of the Depot’s own workshops.",
            nl="Studio Depot is het ontwerpteam van de werkplaatsen in het Depot zelf.",
            fr="Le Studio Depot est l’équipe de création des ateliers du Depot.",
        ),
        "bio": t(
            "Hier entwerfen Anleiter:innen und Beschäftigte gemeinsam Produkte, die zu den "
            "Maschinen und Fähigkeiten der Werkstätten passen.",
            en="Here instructors and employees design products together that suit the workshops’ "
            "machines and skills.",
            nl="Hier ontwerpen begeleiders en medewerkers samen producten die passen bij de machines "
            "en vaardigheden van de werkplaatsen.",
            fr="Encadrants et salariés y conçoivent ensemble des objets adaptés aux machines et aux "
            "savoir-faire des ateliers.",
        ),
    },
]

STORIES = [
    {
        "slug": t(
            "vom-sitz-zur-tasche",
            en="from-seat-to-bag",
            nl="van-bank-tot-tas",
            fr="du-siege-au-sac",
        ),
        "title": t(
            "Vom Straßenbahnsitz zur Tasche",
            en="From tram seat to bag",
            nl="Van trambank tot tas",
            fr="Du siège de tramway au sac",
        ),
        "lead": t(
            "Wie ausgemusterte Sitzbezüge im Depot ein zweites Leben bekommen.",
            en="How retired seat covers get a second life in the Depot.",
            nl="Hoe afgedankte bankbekleding in het Depot een tweede leven krijgt.",
            fr="Comment des housses de sièges réformées reprennent vie au Depot.",
        ),
        "designers": ["lena-hoffmann"],
        "product": "MAN-0001",
        "tags": ["material", "werkstatt"],
        "days_ago": 12,
        "palette": "meadow",
    },
    {
        "slug": t(
            "holz-aus-dem-quartier",
            en="wood-from-the-quarter",
            nl="hout-uit-de-wijk",
            fr="bois-du-quartier",
        ),
        "title": t(
            "Holz aus dem Quartier",
            en="Wood from the quarter",
            nl="Hout uit de wijk",
            fr="Du bois du quartier",
        ),
        "lead": t(
            "Eichenbalken aus einem Abrisshaus werden zu Hockern und Regalen.",
            en="Oak beams from a demolished house become stools and shelves.",
            nl="Eikenhouten balken uit een sloophuis worden krukken en wandplanken.",
            fr="Des poutres de chêne d’une maison démolie deviennent tabourets et étagères.",
        ),
        "designers": ["yusuf-demir"],
        "product": "MAN-0004",
        "tags": ["material", "quartier"],
        "days_ago": 30,
        "palette": "clay",
    },
    {
        "slug": t(
            "glasuren-der-soers",
            en="glazes-of-the-soers",
            nl="glazuren-van-de-soers",
            fr="emaux-de-la-soers",
        ),
        "title": t(
            "Die Glasuren der Soers",
            en="The glazes of the Soers",
            nl="De glazuren van de Soers",
            fr="Les émaux de la Soers",
        ),
        "lead": t(
            "Marie Claes sucht ihre Farben auf Spaziergängen durch das Tal.",
            en="Marie Claes finds her colours on walks through the valley.",
            nl="Marie Claes vindt haar kleuren tijdens wandelingen door het dal.",
            fr="Marie Claes trouve ses couleurs en se promenant dans la vallée.",
        ),
        "designers": ["marie-claes"],
        "product": "MAN-0007",
        "tags": ["material"],
        "days_ago": 45,
        "palette": "river",
    },
    {
        "slug": t(
            "siebdruck-nord", en="screen-printing-north", nl="zeefdruk-noord", fr="serigraphie-nord"
        ),
        "title": t(
            "Farbe, Rakel, Geduld",
            en="Ink, squeegee, patience",
            nl="Inkt, rakel, geduld",
            fr="Encre, raclette, patience",
        ),
        "lead": t(
            "Ein Tag in der Siebdruckwerkstatt, in der die Plakate des Labels entstehen.",
            en="A day in the screen-printing workshop where the label’s posters are made.",
            nl="Een dag in de zeefdrukwerkplaats waar de affiches van het label worden gemaakt.",
            fr="Une journée à l’atelier de sérigraphie où naissent les affiches du label.",
        ),
        "designers": ["joris-van-dijk", "sofia-rossi"],
        "product": "MAN-0009",
        "tags": ["werkstatt"],
        "days_ago": 60,
        "palette": "depot",
    },
    {
        "slug": t(
            "licht-an-der-talstrasse",
            en="light-on-talstrasse",
            nl="licht-aan-de-talstrasse",
            fr="lumiere-talstrasse",
        ),
        "title": t(
            "Licht an der Talstraße",
            en="Light on Talstraße",
            nl="Licht aan de Talstraße",
            fr="De la lumière sur la Talstraße",
        ),
        "lead": t(
            "Wie aus der Erinnerung an die Straßenbahn eine Leuchte wurde.",
            en="How the memory of the tram became a lamp.",
            nl="Hoe de herinnering aan de tram een lamp werd.",
            fr="Comment le souvenir du tramway est devenu un luminaire.",
        ),
        "designers": ["tom-becker"],
        "product": "MAN-0014",
        "tags": ["quartier"],
        "days_ago": 75,
        "palette": "meadow",
    },
    {
        "slug": t(
            "arbeit-die-bleibt",
            en="work-that-lasts",
            nl="werk-dat-blijft",
            fr="un-travail-qui-dure",
        ),
        "title": t(
            "Arbeit, die bleibt",
            en="Work that lasts",
            nl="Werk dat blijft",
            fr="Un travail qui dure",
        ),
        "lead": t(
            "Im Studio Depot entwerfen Beschäftigte mit – und finden dabei zurück in den Beruf.",
            en="In Studio Depot, employees help design – and find their way back into work.",
            nl="In Studio Depot ontwerpen medewerkers mee – en vinden zo de weg terug naar werk.",
            fr="Au Studio Depot, les salariés participent à la création – et retrouvent le chemin "
            "de l’emploi.",
        ),
        "designers": ["studio-depot", "aylin-kaya"],
        "product": "MAN-0019",
        "tags": ["werkstatt", "quartier"],
        "days_ago": 90,
        "palette": "clay",
    },
]

STORY_BODY = [
    t(
        "Am Anfang steht ein Material, das niemand mehr haben wollte. Im Depot wird es sortiert, "
        "gereinigt und zugeschnitten – von Menschen, die hier nach langer Pause wieder arbeiten.",
        en="It starts with a material nobody wanted any more. In the Depot it is sorted, cleaned "
        "and cut – by people who are back at work here after a long break.",
        nl="Het begint met een materiaal dat niemand meer wilde. In het Depot wordt het gesorteerd, "
        "gereinigd en op maat gesneden – door mensen die hier na een lange pauze weer werken.",
        fr="Tout commence par une matière dont plus personne ne voulait. Au Depot, elle est triée, "
        "nettoyée et découpée – par des personnes qui y retravaillent après une longue pause.",
    ),
    t(
        "Aus dem Entwurf wird ein Prototyp, aus dem Prototyp eine kleine Serie. Jeder Schritt "
        "bleibt im Quartier, bis das fertige Stück in einem Laden der Region liegt.",
        en="The design becomes a prototype, the prototype a small series. Every step stays in the "
        "quarter until the finished piece lies in a shop in the region.",
        nl="Het ontwerp wordt een prototype, het prototype een kleine serie. Elke stap blijft in de "
        "wijk, tot het afgewerkte stuk in een winkel in de regio ligt.",
        fr="Le modèle devient prototype, le prototype une petite série. Chaque étape reste dans le "
        "quartier, jusqu’à ce que la pièce finie arrive dans une boutique de la région.",
    ),
    t(
        "Jedes Stück ist ein bisschen anders – und genau das mögen unsere Kund:innen.",
        en="Every piece is a little different – and that is exactly what our customers like.",
        nl="Elk stuk is een beetje anders – en dat is precies wat onze klanten waarderen.",
        fr="Chaque pièce est un peu différente – et c’est justement ce que nos clients aiment.",
    ),
    t(
        "Aus der Werkstatt im Depot",
        en="From the workshop in the Depot",
        nl="Uit de werkplaats in het Depot",
        fr="De l’atelier du Depot",
    ),
]
