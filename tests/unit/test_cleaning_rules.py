"""Each line rule: boilerplate it removes, and look-alike real sentences it keeps."""

from __future__ import annotations

import pytest

from cleaning.clean import CleanContext, clean_lines, matches_title, title_keys
from cleaning.lines import Line

#: A real paragraph, long enough that no rule looks at it twice.
PARAGRAPH = (
    "The city council approved the new budget on Tuesday after a debate that lasted "
    "more than six hours, with members split over spending on public transport, "
    "schools and the renovation of the old harbour district."
)
TITLE = "Council approves budget after six-hour debate over harbour plans"


def rule_of(text: str, *, kind: str = "p", ctx: CleanContext | None = None) -> str | None:
    """The rule that removes ``text`` placed between two real paragraphs, or None."""
    lines = [Line(PARAGRAPH), Line(text, kind), Line(PARAGRAPH + " Later on.")]
    _, removed = clean_lines(lines, ctx or CleanContext(titles=(TITLE,)))
    rules = [r.rule for r in removed if r.text == text]
    return rules[0] if rules else None


# --- inline promos ------------------------------------------------------------------

PROMOS = [
    'READ: "A coup against Putin is starting," says Ukraine\'s General Staff',
    "Read more: Looted colonial art returns to Nigeria",
    "ALSO READ | Markets rally as inflation cools",
    "Also Read: India beat Australia in Perth",
    "Related: The FBI probe into the senator, explained",
    "SEE ALSO: Ten things to know before you travel",
    "DON'T MISS",
    "Must read: The long road to the summit",
    "Watch: Protesters clash with police in the capital",
    "READ MORE",
    "Lesen Sie auch: Bundestag beschließt Haushalt",
    "Mehr zum Thema",
    "Lire aussi : Le gouvernement annonce un plan de relance",
    "À lire aussi",
    "Leer también: El Congreso aprueba la reforma",
    "LE PUEDE INTERESAR: La ficha del expresidente en Nueva York",
    "Leia também: Governo anuncia novo pacote",
    "Leggi anche: Il governo approva la manovra",
    "Lees ook: Kabinet presenteert begroting",
    "Читайте также: Правительство утвердило бюджет",
    "Czytaj też: Sejm przyjął ustawę",
]


@pytest.mark.parametrize("text", PROMOS)
def test_promos_are_removed(text: str) -> None:
    # a bare label that also heads teaser blocks ("Mehr zum Thema") is a promo heading
    assert rule_of(text) in ("inline_promo", "promo_heading")


PROMO_LOOKALIKES = [
    "Officials will read the statement aloud at noon on Friday.",
    "Read the full judgment and you will see why the court ruled as it did, he said.",
    "More than 100 people were evacuated from the building.",
    "Watch out for icy roads, the police warned drivers on Monday morning.",
    "Related concerns about the budget were raised by two opposition members.",
    "Sie lesen auch gern Zeitung, sagte die Ministerin.",
    "Mehr zum Thema Klimaschutz will die Regierung im Herbst vorlegen, hieß es.",
    "Il faut lire aussi les petites lignes du contrat, rappelle l'avocat.",
    "Leer también es un derecho, afirmó la ministra de Cultura.",
]


@pytest.mark.parametrize("text", PROMO_LOOKALIKES)
def test_sentences_with_promo_words_stay(text: str) -> None:
    assert rule_of(text) is None


def test_label_followed_by_a_link_to_another_story_is_a_promo() -> None:
    ctx = CleanContext(
        titles=(TITLE,), anchors=frozenset({"governor signs the harbour bill into law"})
    )
    assert rule_of("Also read Governor signs the harbour bill into law", ctx=ctx) == "inline_promo"
    # without the link the same words are a sentence
    assert rule_of("Also read the governor's letter before the vote.", ctx=ctx) is None


# --- widgets, chrome, ads -------------------------------------------------------------

WIDGETS = [
    "Translate This News In",
    "Select Language",
    "Sprache wählen",
    "Print this article",
    "3 Comments",
]


@pytest.mark.parametrize("text", WIDGETS)
def test_widget_labels_are_removed(text: str) -> None:
    assert rule_of(text) == "widget_label"


CHROME = [
    "Share this:",
    "Follow us on Google News",
    "Join our WhatsApp channel for the latest updates",
    "Subscribe to our newsletter",
    "Sign up for The Morning newsletter",
    "Click here to download the app",
    "Folgen Sie uns auf Twitter",
    "Suivez-nous sur Facebook",
    "Síguenos en Instagram",
    # the accent is often left out of the appeal ("Siguenos en Telegram, ...")
    "Siguenos en Telegram, Instagram, Facebook y Twitter",
    "SUSCRIBETE a nuestro boletín",
    "¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular.",
    "Thanks for signing up!",
    "Write to Al Root at allen.root@dowjones.com",
    "Telefon: +49 40 300 30 1141",
    "This copy is for your personal, non-commercial use only.",
]


@pytest.mark.parametrize("text", CHROME)
def test_share_follow_subscribe_lines_are_removed(text: str) -> None:
    assert rule_of(text) == "chrome"


# Buttons told by their words whatever the wording: a share or copy word with a platform,
# a translate word in a few words, a bar of such buttons on one line; a Greek label in
# capitals (no accents); a Korean verb ending on a label.
BUTTONS = [
    "Share on Facebook",
    "Partilhar no Facebook",
    "Κοινοποίηση στο Facebook",
    "Megosztás a Facebookon",
    "페이스북 공유하기",
    "링크 복사하기",
    "Chia sẻ Facebook · Sao chép liên kết",
    "Teilen | Link kopieren",
    "Terjemahkan artikel ini",
    "기사 번역하기",
    "Översätt sidan",
    "ΜΕΤΑΦΡΑΣΗ",
]
BUTTON_LOOKALIKES = [
    "Share prices fell sharply on Monday.",
    "Chia sẻ với phóng viên, nhiều hành khách cho biết họ hài lòng.",
    "Megosztó kérdés lett a parkoló bővítése a környéken lakók körében.",
    "Translating the classics took her ten years, she said.",
    "Facebook shares fell 3% after the report.",
    "공유 자전거 이용자도 크게 늘 것으로 보인다고 시는 설명했다.",
    # a share or follow word opening a finished sentence of the story
    "Поділитися досвідом роботи в нових операційних до Вінниці приїдуть хірурги з Польщі.",
    "Follow the money, the prosecutor told the jury on the second day of the trial.",
]


@pytest.mark.parametrize("text", BUTTONS)
def test_buttons_are_removed_by_their_words(text: str) -> None:
    assert rule_of(text) == "widget_label"


@pytest.mark.parametrize("text", BUTTON_LOOKALIKES)
def test_sentences_about_sharing_or_translating_stay(text: str) -> None:
    assert rule_of(text) is None


# "<label holding a promo word>: <teaser headline>" and "<any short label>: <link>".
LABELLED_TEASERS = [
    "Se video: Slik ble brua bygget",
    "ΒΙΝΤΕΟ: Μέσα στον νέο σταθμό",
    "Katso video: Näin ratikka kulkee",
    # the word for a video in languages without a table (`rules/video_words.toml`)
    "BIDEOA: Tranbiaren lehen proba Salburuan",
    "БЕЙНЕ: Мектептердегі жылу жүйесі қандай күйде",
    "වීඩියෝ: නව සිසු සැරි බස් රථ මහනුවරට",
]


@pytest.mark.parametrize("text", LABELLED_TEASERS)
def test_labelled_teasers_are_promos(text: str) -> None:
    assert rule_of(text) == "inline_promo"


@pytest.mark.parametrize(
    "text",
    [
        "Se video fra ulykken ble delt i sosiale medier: politiet ber om tips.",
        "Se også på dette: hun sa at bussen var full.",
        "Katso videolta: kaikki eivät olleet samaa mieltä.",
        "Bideoa: udalak esan zuen tranbia maiatzean helduko dela.",
    ],
)
def test_sentences_with_a_colon_after_a_video_word_stay(text: str) -> None:
    assert rule_of(text) is None


CHROME_LOOKALIKES = [
    "Share prices fell three percent on Monday.",
    "The app can translate this news into Urdu for readers in Karachi.",
    "Subscribers to the service will pay more from January, the company said.",
    "Die Behörden teilen mit, dass die Straße gesperrt bleibt.",
    "Werbung für Zigaretten ist in Deutschland weitgehend verboten.",
    "Something went wrong with the launch, the agency admitted.",
    "El lema de la marcha fue «siguenos en la calle», dijo la portavoz del colectivo.",
]


@pytest.mark.parametrize("text", CHROME_LOOKALIKES)
def test_sentences_with_chrome_words_stay(text: str) -> None:
    assert rule_of(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Anzeige",
        "Publicidad",
    ],
)
def test_ad_labels_are_removed(text: str) -> None:
    assert rule_of(text) == "ad_label"


def test_advertisement_in_a_sentence_stays() -> None:
    assert rule_of("The advertisement ran in three newspapers before the election.") is None


@pytest.mark.parametrize(
    "text",
    [
        "© 2023 World News Desk. Alle Rechte vorbehalten.",
        "Copyright 2019 The Associated Press. All rights reserved.",
    ],
)
def test_copyright_lines_are_removed(text: str) -> None:
    assert rule_of(text) == "copyright"


@pytest.mark.parametrize(
    "text",
    ["Photo: Reuters", "(Photo by John Smith/Getty Images)", "Foto: dpa", "Crédit photo : AFP"],
)
def test_image_credits_are_removed(text: str) -> None:
    assert rule_of(text) == "image_credit"


def test_photo_word_in_a_sentence_stays() -> None:
    assert rule_of("Photographers waited outside the court for hours on Monday.") is None


# --- teaser headlines and lists ---------------------------------------------------------


def test_bracket_tagged_teaser_headline_is_removed() -> None:
    assert (
        rule_of("Plague fears: holidaymakers die after eating marmot [INSIGHT]") == "teaser_links"
    )


def test_promo_heading_and_following_links_are_removed() -> None:
    anchors = frozenset({"russia and china sign pact", "gas pipeline talks resume"})
    lines = [
        Line(PARAGRAPH),
        Line("Related News", "head"),
        Line("Russia and China sign pact", "item"),
        Line("Gas pipeline talks resume", "item"),
    ]
    kept, removed = clean_lines(lines, CleanContext(anchors=anchors))
    assert kept == [PARAGRAPH]
    assert [r.rule for r in removed] == ["promo_heading", "teaser_links", "teaser_links"]


def test_run_of_links_at_the_end_is_a_teaser_list_but_not_in_the_middle() -> None:
    anchors = frozenset({"first linked product name here", "second linked product name here"})
    links = [
        Line("First linked product name here", "item"),
        Line("Second linked product name here", "item"),
    ]
    kept, _ = clean_lines([Line(PARAGRAPH), *links], CleanContext(anchors=anchors))
    assert kept == [PARAGRAPH]
    kept, _ = clean_lines([Line(PARAGRAPH), *links, Line(PARAGRAPH)], CleanContext(anchors=anchors))
    assert len(kept) == 4


# --- headline repeated at the top ---------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        TITLE,
        TITLE.upper(),
        TITLE + " - World News Desk",
        "Council approves budget after six hour debate over harbor plans",
    ],
)
def test_repeated_headline_is_removed(line: str) -> None:
    lines = [Line(line, "head"), Line(PARAGRAPH)]
    kept, removed = clean_lines(
        lines, CleanContext(titles=(TITLE + " | World News Desk",), site_name="World News Desk")
    )
    assert kept == [PARAGRAPH]
    assert removed[0].rule == "title_repeat"


def test_headline_opening_a_long_line_is_cut() -> None:
    lines = [Line(TITLE + " by Jane Doe " + PARAGRAPH)]
    kept, removed = clean_lines(lines, CleanContext(titles=(TITLE,)))
    assert kept[0].startswith("by Jane Doe The city council")
    assert removed[0].rule == "title_repeat"


def test_headline_words_later_in_the_text_stay() -> None:
    lines = [Line(PARAGRAPH), Line(PARAGRAPH + " More."), Line(PARAGRAPH + " Again."), Line(TITLE)]
    kept, _ = clean_lines(lines, CleanContext(titles=(TITLE,)))
    assert kept[-1] == TITLE


def test_title_matching() -> None:
    keys = title_keys(["Budget approved | Daily Planet"], "Daily Planet")
    assert matches_title("Budget approved", keys)
    assert not matches_title("Budget approved by a narrow margin after a long debate", keys)


# --- bylines and dates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "By Jane Doe | February 5, 2022",
        "Published: 05.02.2022 09:12",
        "February 5, 2022",
        "5 min read",
        "Staff Reports",
        # every word from the phrase tables: date labels, months, weekdays, openers
        "Publicado: Jueves, 21 Abril 2022 04:45",
        "Sábado 23 de abril del 2022",
        "Veröffentlicht am 16.08.2019",
        "28 kwietnia 2021, 06:29",
        "Opublikowano 3 godziny temu",
        "Yayınlanma: 12 Mart 2022",
        "기사입력 :[ 2018-08-25 15:24 ]",
        "2022年2月5日 10:30",
        "3:59 PM",
        "Autor: Fritz Imhof",
        "Lesezeit: 4 Minuten",
        "4 min",
        "Redaktion",
    ],
)
def test_byline_and_date_lines_at_the_top_are_removed(text: str) -> None:
    lines = [Line(text), Line(PARAGRAPH)]
    kept, removed = clean_lines(lines, CleanContext(authors=("Jane Doe",)))
    assert kept == [PARAGRAPH]
    assert removed[0].rule == "byline_date"


@pytest.mark.parametrize(
    "text",
    [
        # a year, a month and a year, a schedule, an event's span, a sentence with a date
        "2019",
        "Juni 2016",
        "13:00 – 13:15 Uhr",
        "23.10.2015 - 25.10.2015",
        "was in September 2008.",
        "THURSDAY APRIL 2",
        "143. Can February March?",
        "+81 158-23-2012",
        "2008年3月于香港、7月于台湾、12月于上海举办个人售票演唱会",
        "Publicado en la revista del colegio de médicos",
    ],
)
def test_lines_that_only_hold_a_date_or_a_date_word_stay(text: str) -> None:
    lines = [Line(text), Line(PARAGRAPH)]
    kept, _ = clean_lines(lines, CleanContext())
    assert kept == [text, PARAGRAPH]


def test_sentence_starting_with_by_stays() -> None:
    lines = [Line("By the end of the year, the harbour will be closed."), Line(PARAGRAPH)]
    kept, _ = clean_lines(lines, CleanContext())
    assert len(kept) == 2


# --- per-site patterns and learned boilerplate ----------------------------------------------


def test_site_pattern_and_learned_line() -> None:
    import re

    ctx = CleanContext(
        drop_patterns=(re.compile(r"^Tip us:"),),
        boilerplate=frozenset({"independent journalism since 1851"}),
    )
    lines = [
        Line(PARAGRAPH),
        Line("Tip us: news@example.com"),
        Line("Independent journalism since 1851."),
    ]
    kept, removed = clean_lines(lines, ctx)
    assert kept == [PARAGRAPH]
    assert [r.rule for r in removed] == ["site_rule", "learned_boilerplate"]


# "Popular on <site>" at the end of the text, in several languages; a sentence that opens
# with the same words stays.
@pytest.mark.parametrize(
    "text",
    [
        "Popular on The Herald",
        "Beliebt bei Spiegel",
        "Más popular en El País",
        "Popularne w Gazecie Krakowskiej",
        "Populer di Kompas",
        "Mest lästa på Sydsvenskan",
    ],
)
def test_popular_on_site_headings_are_removed(text: str) -> None:
    assert rule_of(text, kind="head") == "promo_heading"


def test_a_sentence_opening_like_popular_on_stays() -> None:
    text = (
        "Beliebt bei Touristen ist vor allem der Strand im Norden der Insel, sagt die Sprecherin."
    )
    assert rule_of(text) is None


# Scripts without capitals: a strong label and a teaser headline (no sentence end).
@pytest.mark.parametrize(
    "text",
    [
        "あわせて読みたい ツエーゲン金沢、終了間際の決勝点で3連勝",
        "함께 보면 좋은 기사 대구 공장 화재 3시간 만에 진화…인명 피해 없어",
        "اقرأ أيضا ارتفاع أسعار الذهب في السوق المحلية",
    ],
)
def test_caseless_labels_before_a_teaser_are_promos(text: str) -> None:
    assert rule_of(text) == "inline_promo"


@pytest.mark.parametrize(
    "text",
    [
        "関連記事によると、県は来年度から新しい計画を実施する。",
        "اقرأ أيضا ما كتبه الوزير في رسالته إلى البرلمان يوم الاثنين.",
    ],
)
def test_caseless_sentences_opening_with_a_label_stay(text: str) -> None:
    assert rule_of(text) is None


# Newsletter appeals that name the reader's inbox instead of the word "newsletter".
@pytest.mark.parametrize(
    "text",
    [
        "The day's top stories, delivered to your inbox every morning.",
        "Receba as notícias do dia no seu e-mail.",
        "Recevez l'essentiel de l'actualité dans votre boîte mail.",
        "Dapatkan berita pilihan setiap pagi di kotak masuk Anda.",
    ],
)
def test_inbox_appeals_are_chrome(text: str) -> None:
    assert rule_of(text) == "chrome"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # "More on <site>" with the site after a preposition, as a line or a heading
        ("Mehr zum Thema auf UEPO.de", "p"),
        ("Weitere Beiträge aus der Kolumne:", "head"),
    ],
)
def test_more_on_a_site_or_column_is_removed(text: str, kind: str) -> None:
    assert rule_of(text, kind=kind) in ("sister_site_promo", "promo_heading", "inline_promo")


@pytest.mark.parametrize(
    "text",
    [
        "Mehr zum Thema auf der Konferenz sagte die Ministerin am Dienstag nichts Neues.",
        "Weitere Beiträge aus der Kolumne sollen im Herbst als Buch erscheinen, sagte der Verlag.",
    ],
)
def test_sentences_opening_like_more_on_stay(text: str) -> None:
    assert rule_of(text) is None
