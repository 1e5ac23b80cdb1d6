"""Line rules: named, commented patterns for boilerplate that survives trafilatura.

Each constant names the kind of page that motivated it. The rules look at one line
of trafilatura's output at a time (plus a little context computed in `cleaning.clean`);
they never mention a particular publisher: a rule that only fits one site belongs in
that site's entry of the user's site-rules file.

Bump `CLEANER_VERSION` whenever a rule changes what is kept, so stored articles can be
re-cleaned selectively.
"""

from __future__ import annotations

import re
from typing import Final

# the shared text helpers, re-exported for older imports ("from cleaning.rules import normalize")
from cleaning.text import TITLE_SEPARATOR_CHARS as TITLE_SEPARATOR_CHARS
from cleaning.text import TITLE_SEPARATORS_RE as TITLE_SEPARATORS_RE
from cleaning.text import WORD_RE as WORD_RE
from cleaning.text import first_word as first_word
from cleaning.text import normalize as normalize
from cleaning.text import word_count as word_count

#: Version of the rules; stored with every article (``Article.cleaner_version``).
CLEANER_VERSION: Final = "2025.2"

# --- rule names (the audit trail in ``Article.removed`` uses these) -------------
RULE_TITLE_REPEAT: Final = "title_repeat"
RULE_WIDGET: Final = "widget_label"
RULE_PROMO: Final = "inline_promo"
RULE_PROMO_HEADING: Final = "promo_heading"
RULE_TEASER_LINKS: Final = "teaser_links"
RULE_CHROME: Final = "chrome"
RULE_AD_LABEL: Final = "ad_label"
RULE_IMAGE_CREDIT: Final = "image_credit"
RULE_BYLINE: Final = "byline_date"
RULE_SITE: Final = "site_rule"
RULE_LEARNED: Final = "learned_boilerplate"


#: Lines longer than this (in words) are never boilerplate by a built-in line rule:
#: every promo, widget, share or credit line is shorter. Saves time on real paragraphs.
MAX_RULE_WORDS: Final = 45
#: Widget labels and ad markers are whole lines of at most this many words.
LABEL_MAX_WORDS: Final = 10


# --- inline promos -------------------------------------------------------------
# News sites put "READ: <other story>" or "Also read - <other story>" between real
# paragraphs (WordPress and Indian/Pakistani news templates, German "Lesen Sie auch",
# French "Lire aussi", ...). The label alone, or the label followed by a short teaser
# or by a link to another story, is a promo. Labels are matched case-insensitively only
# when a separator (":", "-", "|", "»", ">") follows; without a separator the label must
# be written in capitals ("ALSO READ Biden says ...") so a sentence such as "Read the
# statement aloud" or "More than 100 people died" stays.
PROMO_LABELS: Final[tuple[str, ...]] = (
    # English
    "read",
    "read more",
    "read also",
    "also read",
    "also see",
    "read next",
    "read this",
    "read this next",
    "read the full story",
    "read full story",
    "read more here",
    "more reading",
    "related",
    "related story",
    "related stories",
    "related article",
    "related articles",
    "related news",
    "related content",
    "related coverage",
    "related links",
    "related reading",
    "related post",
    "related posts",
    "see also",
    "see more",
    "don't miss",
    "do not miss",
    "must read",
    "must watch",
    "recommended",
    "recommended reading",
    "recommended for you",
    "suggested reading",
    "watch",
    "watch more",
    "watch now",
    "watch video",
    "video",
    "listen",
    "listen now",
    "more",
    "more news",
    "more stories",
    "more on this",
    "more on this story",
    "more coverage",
    "trending",
    "trending now",
    "editor's pick",
    "editor's picks",
    "editors' picks",
    "top stories",
    "top story",
    "you may also like",
    "you might also like",
    "you may like",
    "also on",
    "catch up",
    "further reading",
    "in case you missed it",
    "icymi",
    "click here",
    "check out",
    "explained",
    # German
    "lesen sie auch",
    "lesen sie mehr",
    "lesen sie hier",
    "lesen sie dazu",
    "lesen sie außerdem",
    "lesen sie weiter",
    "auch interessant",
    "ebenfalls interessant",
    "das könnte sie auch interessieren",
    "das könnte sie interessieren",
    "mehr zum thema",
    "mehr dazu",
    "mehr lesen",
    "weiterlesen",
    "siehe auch",
    "zum thema",
    "passend zum thema",
    "empfehlung",
    "empfehlungen",
    "unsere empfehlung",
    "hören sie auch",
    "sehen sie auch",
    "auch lesenswert",
    # French
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "lire également",
    "à lire également",
    "à lire",
    "lire la suite",
    "voir aussi",
    "à voir aussi",
    "à voir",
    "sur le même sujet",
    "à découvrir",
    "à découvrir aussi",
    "découvrir aussi",
    "notre sélection",
    "en savoir plus",
    "retrouvez aussi",
    "vous aimerez aussi",
    # Spanish
    "leer también",
    "lea también",
    "lee también",
    "lea más",
    "leer más",
    "lee más",
    "lea",
    "ver también",
    "ver más",
    "te puede interesar",
    "le puede interesar",
    "también te puede interesar",
    "también le puede interesar",
    "puede interesarte",
    "te recomendamos",
    "relacionado",
    "relacionada",
    "relacionados",
    "noticias relacionadas",
    "mira también",
    "más información",
    "no te pierdas",
    # Portuguese
    "leia também",
    "leia mais",
    "veja também",
    "veja mais",
    "saiba mais",
    "confira",
    "confira também",
    "leia",
    "notícias relacionadas",
    "relacionadas",
    "você pode gostar",
    # Italian
    "leggi anche",
    "leggi pure",
    "leggi di più",
    "leggi",
    "potrebbe interessarti",
    "ti potrebbe interessare",
    "vedi anche",
    "guarda anche",
    "approfondisci",
    "articoli correlati",
    "correlati",
    # Dutch
    "lees ook",
    "lees meer",
    "lees verder",
    "zie ook",
    "bekijk ook",
    "meer over",
    "ook interessant",
    "gerelateerd",
    "mire",
    "mira",
    "vea también",
    "vea",
    "puedes ver",
    "puede ver",
    "contenido relacionado",
    "notas relacionadas",
    "artículos relacionados",
    "más sobre",
    # German (more)
    "schon gelesen",
    "auch lesen",
    "mehr themen",
    "zum weiterlesen",
    "weitere beiträge",
    "weitere artikel",
    "weitere artikel zum thema",
    "empfohlene beiträge",
    "könnte dich auch interessieren",
    "das könnte dich auch interessieren",
    "das thema könnte dich auch interessieren",
    "lesen sie auch die folgenden beiträge",
    "weitere informationen",
    "mehr informationen",
    # Polish
    "czytaj też",
    "czytaj także",
    "czytaj również",
    "zobacz też",
    "zobacz także",
    "dowiedz się więcej",
    # Russian
    "читайте также",
    "читайте еще",
    "читайте ещё",
    "читать также",
    "смотрите также",
    "смотри также",
    "по теме",
    "подробнее",
    "ещё по теме",
    "еще по теме",
    "читайте",
    "рекомендуем",
)

# Labels that are ordinary words at the start of a sentence ("More than 100 ...",
# "Watch the skies", "Leggi la legge"): only promos with a separator or as the whole line.
_WEAK_LABELS: Final = frozenset(
    {
        "read",
        "more",
        "watch",
        "video",
        "listen",
        "lea",
        "leia",
        "leggi",
        "читайте",
        "explained",
        "check out",
        "confira",
    }
)

#: First words of the promo labels: a line whose first word is not one of them cannot
#: start with a label, so the label regexes are skipped (they are the costliest rules).
PROMO_FIRST_WORDS: Final = frozenset(
    re.split(r"[\s'’]", label, maxsplit=1)[0] for label in PROMO_LABELS
)


_LABEL_ALT: Final = "|".join(
    re.escape(label) for label in sorted(PROMO_LABELS, key=len, reverse=True)
)

#: A promo label followed by a separator, case-insensitive ("Read more: ...", "Lire aussi - ...").
PROMO_WITH_SEPARATOR_RE: Final = re.compile(
    rf"^[\s\W]{{0,3}}(?:{_LABEL_ALT})\s*(?:\(\w+\)\s*)?(?:[:：|»>›→–—]|-\s|\.\.\.|"
    rf"…)\s*(?P<rest>.*)$",
    re.IGNORECASE,
)

#: A promo label alone on a line ("READ MORE", "Mehr zum Thema", "Related Articles >").
PROMO_ALONE_RE: Final = re.compile(rf"^[\s\W]{{0,3}}(?:{_LABEL_ALT})[\s\W]*$", re.IGNORECASE)

#: A capitalised promo label directly followed by a teaser ("ALSO READ Biden says ...").
PROMO_CAPS_RE: Final = re.compile(
    rf"^[\s\W]{{0,3}}(?P<label>(?:{_LABEL_ALT}))\s+(?P<rest>\S.*)$", re.IGNORECASE
)

#: Longest teaser (in words) after a promo label that is removed even without a link.
PROMO_MAX_TEASER_WORDS: Final = 30


def is_weak_label(label: str) -> bool:
    """Whether a promo label is also a common sentence opener (needs a separator)."""
    return normalize(label) in _WEAK_LABELS


# --- headings that open a block of teasers ---------------------------------------
# The "Related News" / "More from ..." / "Most read" block after an article (seed page,
# WordPress themes, German "Weitere Artikel"); followed by a list of links.
PROMO_HEADING_RE: Final = re.compile(
    r"^(?:related(?: news| stories| articles| posts| content| coverage| topics| reading)?"
    r"|more (?:news|stories|articles|from [\w .'&-]{1,40}|on this (?:topic|story)|"
    r"in [\w .'&-]{1,30})"
    r"|other (?:news|stories)|latest(?: news| stories| articles)?|top stories|most (?:read|"
    r"popular|viewed|shared)"
    r"|popular(?: now| stories| articles)?|trending(?: now| stories)?|you (?:may|might) also like"
    r"|recommended(?: for you| stories| articles)?|editor'?s'? picks?|what to read next|read next"
    r"|weitere (?:artikel|nachrichten|meldungen|themen)|meistgelesen|"
    r"das könnte sie auch interessieren|mehr zum thema"
    r"|aktuelle nachrichten|sur le même sujet|à lire aussi|les plus lus|dans la même rubrique"
    r"|noticias relacionadas|lo más leído|más noticias|notícias relacionadas|mais lidas|veja também"
    r"|articoli correlati|i più letti|altre notizie|gerelateerde artikelen|meest gelezen|"
    r"meer nieuws"
    r"|contenido relacionado|notas relacionadas|empfohlene beiträge|weitere artikel zum thema"
    r"|kommentierte artikel|beiträge aus dem forum|czytaj też|zobacz też"
    r"|читайте также|по теме|другие новости|популярное)\W*$",
    re.IGNORECASE,
)

# --- widget labels ---------------------------------------------------------------
# Translation and language-selector widgets (GTranslate on WordPress news sites: the
# seed page's "Translate This News In"; "Select Language" dropdown labels).
WIDGET_LINE_RE: Final = re.compile(
    r"^(?:translate (?:this )?(?:news|article|page|post|story|site)?\s*(?:in|into|to)?(?: \w+)?"
    r"|select (?:your )?language|choose (?:your )?language|change language|language selector"
    r"|powered by google translate|google translate|translate"
    r"|sprache (?:wählen|auswählen)|choisir (?:la|votre) langue|seleccion(?:ar|e) (?:el |o )?idioma"
    r"|selecione (?:o )?idioma|seleziona (?:la )?lingua|kies (?:een )?taal|выберите язык"
    r"|font size|text size|schriftgröße|taille du texte|listen to (?:this )?article"
    r"|print(?: this)?(?: article| page)?|email(?: this)?(?: article)?|copy link|link copied"
    r"|comments?|\d+ comments?|view comments|show comments|leave a comment"
    r"|zoom|a\+?|a-|aa|bookmark|save(?: article)?|gift (?:this )?article)\W*$",
    re.IGNORECASE,
)

# --- share / follow / subscribe / app appeals -----------------------------------------
# Share bars and "Follow us on Google News" / "Join our WhatsApp channel" / newsletter
# boxes that land inside the article body on many templates (Indian, Pakistani,
# US local news; German "Folgen Sie uns", French "Suivez-nous", ...).
CHROME_START_RE: Final = re.compile(
    r"^[\s\W]{0,3}(?:share(?: this| on| the (?:article|story|post)| article| story| via|"
    r" your thoughts| now)\b|share\W*$"
    r"|follow (?:us|me|@|[\w .'&-]{1,40} on (?:twitter|x|facebook|instagram|google news|"
    r"linkedin|threads|youtube|tiktok|whatsapp|telegram))"
    r"|like us on facebook|find us on|connect with us"
    r"|subscribe\b|sign up\b|signup\b|register (?:now|here|for)|get (?:our|"
    r"the) [\w' -]{0,40}newsletter"
    r"|(?:download|get|install) (?:the|our) [\w' -]{0,30}app\b|join (?:us|our)\b|"
    r"join the conversation"
    r"|click here\b|tap here\b|for more (?:news|stories|updates)"
    r"|(?:story|article|text) continues\b|continue reading\b|scroll (?:down )?to continue|"
    r"continues below"
    r"|teilen\b|jetzt teilen|folgen sie uns|abonnieren sie|jetzt abonnieren|"
    r"newsletter abonnieren|melden sie sich"
    r"|partager\b|suivez-nous|abonnez-vous|inscrivez-vous|téléchargez (?:notre|l')"
    r"|compartir\b|compártelo|síguenos|suscríbete|suscríbase|descarga (?:nuestra|la) app"
    r"|compartilhe|compartilhar\b|siga-nos|siga o|assine\b|inscreva-se|baixe o"
    r"|condividi\b|seguici|iscriviti|scarica l'app"
    r"|deel (?:dit|via)|delen\b|volg ons|abonneer|schrijf je in|meld je aan"
    r"|поделиться|подписывайтесь|подпишитесь|подписаться)",
    re.IGNORECASE,
)
#: Longest share/follow/subscribe appeal removed (longer lines are treated as sentences).
CHROME_MAX_WORDS: Final = 20

# Lines that mention a messaging channel or newsletter appeal anywhere, short only
# ("For the latest news, join our WhatsApp channel", "Get the Telegram app for ...").
CHROME_ANYWHERE_RE: Final = re.compile(
    r"(?:whatsapp|telegram|google news|newsletter|push notifications?|our app)\b.*"
    r"(?:join|follow|subscribe|sign up|click|tap|download|channel|group|abonn|folgen|suivez|"
    r"síguenos|siga|seguici|volg|únete|unete|suscr|inscr|iscriv)"
    r"|(?:join|follow|subscribe|sign up|click|tap|download|abonn|folgen|suivez|síguenos|siga|"
    r"seguici|volg|únete|unete|suscr|inscr|iscriv).*"
    r"(?:whatsapp|telegram|google news|newsletter|push notifications?|our app|youtube channel)\b",
    re.IGNORECASE,
)
CHROME_ANYWHERE_MAX_WORDS: Final = 35
#: Substrings one of which every `CHROME_ANYWHERE_RE` match contains (fast pre-test).
CHROME_ANYWHERE_TRIGGERS: Final = (
    "whatsapp", "telegram", "google news", "newsletter", "notification", "our app",
    "youtube channel",
)  # fmt: skip

# Sign-up confirmations, error messages of newsletter/share widgets, reprint notices,
# contact lines and "click here" appeals: phrases that never occur in a story's own
# sentences (US sports/business templates, Dow Jones reprint boxes, magazine footers).
CHROME_PHRASE_RE: Final = re.compile(
    r"click(?:ing)? here|klicken sie hier|cliquez ici|haga clic aquí|clique aqui|clicca qui"
    r"|klik hier"
    r"|thanks? (?:you )?for signing up|thank you for subscribing|you're all set"
    r"|error processing your subscription|keep an eye on your inbox|check your inbox"
    r"|(?:like|liked|enjoy|enjoyed) this (?:story|article)\?"
    r"|share (?:it|this) with (?:a|your) friends?|tell us what you think"
    r"|for your personal,? non-commercial use only|order reprints|reprints? (?:&|and) permissions"
    r"|please try again later"
    r"|this (?:article|story) has been sent to|sign in to (?:comment|read|continue)"
    r"|already a subscriber|subscribe now|subscribe today|become a (?:member|subscriber)"
    r"|to continue reading|create a free account|log ?in to continue|please subscribe"
    r"|pour lire la suite|accéder en illimité|hazte (?:miembro|socio)|cancela cuando quieras"
    r"|unterstütze (?:uns|\w+ (?:bereits|mit|jetzt))|jetzt unterstützen|unterstützen sie uns"
    r"|sign up here|signing up to our newsletter|newsletter anmelden"
    r"|mit unserem newsletter|nicht eingeloggt|eingeloggt sein|um kommentare zu schreiben"
    r"|^keine kommentare|kommentare insgesamt|view comments|^wird geladen|^teilen mit:"
    r"|bild anzeigen|affiliate[- ]links?|enthält werbung"
    r"|we may (?:receive|earn) (?:a )?(?:commission|compensation)"
    r"|contains references to products|chroniony prawem autorskim"
    r"|zapraszamy (?:też )?do subskrypcji|video verfügbar bis|alle angaben ohne gewähr"
    r"|we want to hear what you think|submit (?:a|your) letter to the editor"
    r"|apps? for ios and android|daily edition by email|jetzt auch digital"
    r"|klicken sie auf den (?:unteren )?button",
    re.IGNORECASE,
)
CHROME_PHRASE_MAX_WORDS: Final = 45
#: Every alternative of `CHROME_PHRASE_RE` contains one of these (lower-case) substrings;
#: they are tested first because substring tests cost far less than the regex search.
CHROME_PHRASE_TRIGGERS: Final = (
    "click", "klick", "cliqu", "clic ", "clicca", "klik", "signing up", "subscri", "all set",
    "inbox", "this story", "this article", "friend", "what you think", "non-commercial",
    "reprint", "try again", "sign in", "become a", "continue", "free account", "lire la suite",
    "illimité", "hazte", "cancela", "unterstütz", "sign up", "newsletter", "eingeloggt",
    "kommentar", "comments", "wird geladen", "teilen mit", "bild anzeigen", "affiliate",
    "werbung", "we may", "references to products", "prawem", "subskrypcji", "verfügbar bis",
    "ohne gewähr", "letter to the editor", "ios and android", "daily edition", "digital",
)  # fmt: skip

# "Write to Jane Doe at jane.doe@example.com", "Contact: tips@example.com".
CONTACT_LINE_RE: Final = re.compile(
    r"^(?:write to|contact|email|e-mail|reach|send (?:tips|news tips)|kontakt|contacto|contato)\b"
    r".*\b[\w.+-]+@[\w-]+\.[\w.]+",
    re.IGNORECASE,
)
CONTACT_MAX_WORDS: Final = 15
#: "Telefon: +49 40 ...", "Fax: ...", "E-Mail: presse@...": press-release contact blocks.
PHONE_LINE_RE: Final = re.compile(
    r"^(?:telefon|tel\.?|phone|fax|e-mail|email|mail|téléphone|teléfono)\s*:", re.IGNORECASE
)

# Category/tag/source/update lines printed around the text ("Category : Press Releases",
# "Kategorie: News", "Tags:", "Letzte Änderung 14.02.2019", "Quelle: Landesregierung").
META_LINE_RE: Final = re.compile(
    r"^(?:categor(?:y|ies)|kategorien?|catégories?|categorías?|categorias?|rubrik|rubrique|tags?"
    r"|schlagw(?:ö|o)rte?r?|stichw(?:ö|o)rter|themen|temas|release date|last modified"
    r"|letzte (?:änderung|aktualisierung)|aktualisiert am|erstellt am|veröffentlichung"
    r"|quelle|bildquelle|titelbild|beitragsbild|crédits? photos?|photo credits?|image illustrative"
    r"|fot\.|foto)\s*:?(?:\s|$)",
    re.IGNORECASE,
)
META_LINE_MAX_WORDS: Final = 10
#: Bare labels that head a tag or category list.
META_LABEL_RE: Final = re.compile(
    r"^(?:tags|temas|themen|schlagwörter|stichwörter|kategorien|categories|topics"
    r"|inhaltsverzeichnis)\W*$",
    re.IGNORECASE,
)

# Wire signatures: "aja/PAP", "(dpa)", "jm/AFP".
SIGNATURE_RE: Final = re.compile(
    r"^\(?[\w. ]{0,20}/?\s*(?:pap|dpa|afp|ap|epd|kna|apa|efe|ansa|reuters|sda|ats|ddp|kap)\)?\.?$",
    re.IGNORECASE,
)

# Picture captions that end with their credit: "... in Congress (Foto: N. Pisarenko/Pool)."
CAPTION_CREDIT_RE: Final = re.compile(
    r"\((?:foto|fotos|photo|photos|image|bild|crédit|credit|imagen|fot\.)\s*:[^)]{1,80}\)\.?\s*$",
    re.IGNORECASE,
)
CAPTION_MAX_WORDS: Final = 45

# A line that is only an image/asset URL or the page's own URL (share and embed boxes,
# leaked JSON of Business Insider-style templates).
ASSET_URL_RE: Final = re.compile(
    r"^\s*https?://\S+\.(?:jpe?g|png|gif|webp|svg|avif|mp4|mp3|pdf)(?:\?\S*)?\s*$", re.IGNORECASE
)

# "Also on rt.com <headline>", "Mehr auf spiegel.de ...": cross-promotion of a sister site.
ALSO_ON_SITE_RE: Final = re.compile(
    r"^(?:also on|more on|more from|mehr auf|auch auf|plus sur|aussi sur|más en|também no"
    r"|anche su|ook op)"
    r"\s+[\w-]+(?:\.[\w-]+)+\b",
    re.IGNORECASE,
)

# A dateline alone on its line: "BAAR, SWITZERLAND", "WASHINGTON —" (a comma or a dash
# tells it from a subheading in capitals such as "FORD MUSTANG MACH E").
DATELINE_RE: Final = re.compile(
    r"^[A-Z][A-Z.'’ -]{1,30}(?:,\s*[A-Z][A-Z.'’ -]{1,30}\s*[-–—:]?|\s*[–—])\s*$"
)
DATELINE_MAX_WORDS: Final = 4

#: Words of a byline that names no person ("Staff Reports", "Wire Services").
STAFF_WORDS: Final = frozenset(
    {"staff", "reports", "report", "writer", "writers", "reporter", "reporters", "wire", "services"}
    | {"service", "news", "desk", "team", "editors", "editorial", "newsroom", "agencies", "bureau"}
)

# WordPress shortcodes that a plugin failed to render: "[button link=...]Text[/button]".
SHORTCODE_RE: Final = re.compile(r"^\s*\[\w+[^\]]*\].*\[/\w+\]\s*$")

# Teaser headlines that tabloids tag with a bracketed label between paragraphs
# ("Plague fears: holidaymakers die [INSIGHT]", "Lakers vs Nets: ... [VIDEO]").
BRACKET_TAG_RE: Final = re.compile(r"\[(?:[A-Z][A-Z ]{2,20}|[Vv]ideo|[Pp]hotos?|[Gg]allery)\]\W*$")
BRACKET_TAG_MAX_WORDS: Final = 30

# Headlines of other stories written in capitals between paragraphs (US cable-news
# sites: "CO-FOUNDER 'PROUD' OF HOME DEPOT EMPLOYEES ..."), and "GET X ON THE GO".
ALL_CAPS_MIN_WORDS: Final = 5
ALL_CAPS_MAX_WORDS: Final = 30
#: Fewest words of a capitalised line removed even when it is not a link.
ALL_CAPS_UNLINKED_MIN_WORDS: Final = 9

# A short fragment cut off with an ellipsis ("All...", "If you …"): teaser truncations.
TRUNCATED_MAX_WORDS: Final = 2

# A short link line repeated this many times in one text is a widget ("10 things in tech
# you need to know today" under every list entry), not prose.
REPEATED_LINE_MIN: Final = 3
REPEATED_LINE_MAX_WORDS: Final = 15
RULE_REPEATED: Final = "repeated_line"

# "Advertisement" markers and "Story continues below advertisement" (Canadian and US
# news templates), "Article content" (Postmedia), "Anzeige"/"Werbung" (German).
AD_LINE_RE: Final = re.compile(
    r"^(?:advertisement|advertising|advert|ad|ads|sponsored|sponsored content|paid content|promoted"
    r"|story continues below(?: advertisement)?|article continues below(?: advertisement)?"
    r"|article content|continue reading (?:below|the main story)|scroll to continue with content"
    r"|skip advert(?:isement)?|remove ads|ad feedback|report this ad"
    r"|anzeige|werbung|publicité|publicidad|publicidade|pubblicità|advertentie|реклама"
    r"|content continues below|the story continues below)\W*$",
    re.IGNORECASE,
)

# --- copyright footers -------------------------------------------------------------
# "© 2023 World News Desk. Alle Rechte vorbehalten." and "Copyright 2020 The Associated
# Press. All rights reserved." lines that templates put right after the article body.
COPYRIGHT_RE: Final = re.compile(
    r"^\W{0,3}(?:©|\(c\)|copyright\b|urheberrecht)"
    r"|(?:all rights reserved|alle rechte vorbehalten|tous droits réservés"
    r"|todos los derechos reservados|todos os direitos reservados|tutti i diritti riservati"
    r"|alle rechten voorbehouden|все права защищены)",
    re.IGNORECASE,
)
COPYRIGHT_MAX_WORDS: Final = 25
#: Substrings one of which every `COPYRIGHT_RE` match contains (fast pre-test).
COPYRIGHT_TRIGGERS: Final = (
    "©", "(c)", "copyright", "urheberrecht", "rights reserved", "rechte vorbehalten",
    "droits réservés", "derechos reservados", "direitos reservados", "diritti riservati",
    "rechten voorbehouden", "права защищены",
)  # fmt: skip
RULE_COPYRIGHT: Final = "copyright"

# --- image credits -----------------------------------------------------------------
# Photo credit lines under lead images: "Photo: Reuters", "(Image credit: Getty)",
# "Foto: dpa", "Crédit photo : AFP". Short lines only.
IMAGE_CREDIT_RE: Final = re.compile(
    r"^[(\[]?\s*(?:photo|photos|image|images|picture|pic|foto|fotos|bild|bilder|"
    r"crédit(?: photo)?|credit|credits"
    r"|photograph|illustration|фото)"
    r"(?:\s*(?:credit|courtesy|by|source|von|de|di|:|©|/))[\s\S]*$",
    re.IGNORECASE,
)
IMAGE_AGENCY_RE: Final = re.compile(
    r"(?:getty images|ap photo|afp photo|reuters/|/reuters|shutterstock|istock|imago|"
    r"picture alliance"
    r"|dpa|epa-efe|photo illustration|file photo|©)",
    re.IGNORECASE,
)
IMAGE_CREDIT_MAX_WORDS: Final = 15

# --- bylines and dates that only repeat metadata ------------------------------------
# "By Jane Doe | February 5, 2022", "Published: 05.02.2022", "Updated 3 hours ago",
# "5 min read": the header block of most news templates.
BYLINE_RE: Final = re.compile(
    r"^(?:by|from|written by|posted by|reported by|von|par|por|di|door|автор|text|texto|"
    r"testo)\s+\S",
    re.IGNORECASE,
)
BYLINE_MAX_WORDS: Final = 14
DATE_LINE_RE: Final = re.compile(
    r"^(?:published|updated|posted|last updated|first published|modified|date|datum|stand"
    r"|veröffentlicht|aktualisiert|erstellt|publié|mis à jour|modifié|publicado|actualizado|"
    r"atualizado"
    r"|pubblicato|aggiornato|gepubliceerd|bijgewerkt|опубликовано|обновлено)\b",
    re.IGNORECASE,
)
DATE_LINE_MAX_WORDS: Final = 14
READING_TIME_RE: Final = re.compile(
    r"^(?:\d+\s*(?:min(?:ute)?s?|minuten|minutes?|minutos|minuti|мин\w*)\.?\s*(?:read|lesezeit|"
    r"de lecture|de lectura|de leitura|di lettura|leestijd|чтения)?"
    r"|(?:reading time|lesezeit|temps de lecture|tiempo de lectura|tempo de leitura|"
    r"tempo di lettura|leestijd)\W*\d+.*)\W*$",
    re.IGNORECASE,
)
_MONTHS: Final = (
    r"jan(?:uary|uar|vier|eiro)?|feb(?:ruary|ruar)?|févr(?:ier)?|fev(?:ereiro)?|mar(?:ch|s|zo|"
    r"ço)?|märz|apr(?:il|ile)?|avr(?:il)?|abr(?:il)?"
    r"|may|mai|mayo|maio|maggio|mei|jun(?:e|i|io|ho)?|juin|giugno|jul(?:y|i|io|ho)?|"
    r"juil(?:let)?|luglio"
    r"|aug(?:ust|usti)?|août|ago(?:sto)?|sep(?:t|tember|tembre|tiembre|iembre)?|set(?:embro|"
    r"tembre)?"
    r"|oct(?:ober|obre|ubre)?|okt(?:ober)?|out(?:ubro)?|ott(?:obre)?|nov(?:ember|embre|embro)?|"
    r"dec(?:ember)?|dez(?:ember|embro)?|déc(?:embre)?|dic(?:iembre|embre)?"
)
#: A line made only of an ISO timestamp ("2019-11-19T08:57:40+01:00").
ISO_TIMESTAMP_RE: Final = re.compile(
    r"^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\s*$"
)
#: A line made only of a date and/or time ("February 5, 2022 09:12 AM IST", "05.02.2022").
DATE_ONLY_RE: Final = re.compile(
    r"^[\W\s]*(?:(?:mon|tue|wed|thu|fri|sat|sun|\w+-feira|sábado|domingo|lunes|martes|miércoles"
    r"|jueves|viernes|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lundi|mardi"
    r"|mercredi|jeudi|vendredi|samedi|dimanche)\w*,?\s+)?"
    r"(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|(?:"
    + _MONTHS
    + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}\.?\s+(?:de\s+)?(?:" + _MONTHS + r")\.?\s+(?:de\s+)?\d{4})"
    r"(?:(?:[\s,|/at-]+|\s+(?:às|as|a las|um|à|alle|om)\s+)\d{1,2}[:.h]\d{2}(?::\d{2})?"
    r"\s*(?:am|pm|a\.m\.|p\.m\.|"
    r"uhr)?\s*[a-z]{0,4})?[\W\s]*$",
    re.IGNORECASE,
)

# --- teaser-link lists ---------------------------------------------------------------
#: Shortest and longest teaser headline (in words) in a run of link lines.
TEASER_MIN_WORDS: Final = 3
TEASER_MAX_WORDS: Final = 25
#: A run of this many consecutive whole-link lines is a teaser list...
TEASER_MIN_RUN: Final = 2
#: ...when no paragraph of at least this many words follows it (or precedes it).
TEASER_PARAGRAPH_WORDS: Final = 15

# --- headline repeated at the top -----------------------------------------------------
#: How many of the first kept lines are compared with the title.
TITLE_SCAN_LINES: Final = 3
#: difflib ratio at or above which a line is "near-identical" to the title.
TITLE_SIMILARITY: Final = 0.88
#: Most words a site-name suffix/prefix may add ("Headline - World News Desk").
TITLE_AFFIX_MAX_WORDS: Final = 8

