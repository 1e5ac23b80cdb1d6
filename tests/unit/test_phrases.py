# ruff: noqa: E501 (sentences in 25 languages read better unbroken)
"""The ``[cleaning]`` phrase tables: every language has them, every phrase fires, and
real sentences with the same words stay.

Regexes and trigger sets are derived from the tables (`cleaning.rules.phrasematch`); the
tests below place every phrase of every language on a line between real paragraphs and
check that the cleaner removes it, which is what "a phrase cannot exist without its
trigger" means in practice.
"""

from __future__ import annotations

import pytest

from cleaning.clean import CleanContext, clean_lines
from cleaning.lines import Line
from cleaning.phrases import REQUIRED_LANGUAGES, by_language, phrases
from cleaning.rules import chrome, credits, labels, promo
from cleaning.rules.phrasematch import (
    LinePrefixes,
    Substrings,
    has_unspaced,
    is_unspaced,
    rarest_char,
    table,
)
from cleaning.text import first_word, normalize

#: Categories every required language must fill.
REQUIRED = (
    "promo_labels", "promo_headings", "widget_labels", "widget_prefixes", "ad_labels",
    "share_starts", "chrome_phrases", "copyright", "appeal_verbs", "channel_words",
    "section_labels", "home_words",
)  # fmt: skip

PARAGRAPH = (
    "The city council approved the new budget on Tuesday after a debate that lasted "
    "more than six hours, with members split over spending on public transport, "
    "schools and the renovation of the old harbour district."
)
TEASER = "Port strike enters its third week"


def removed_rule(text: str, *, at_top: bool = False) -> str | None:
    """The rule that removes ``text`` (between two paragraphs, or above them)."""
    line = Line(text)
    lines = [line, Line(PARAGRAPH), Line(PARAGRAPH + " Later.")]
    if not at_top:
        lines = [Line(PARAGRAPH), line, Line(PARAGRAPH + " Later.")]
    _, removed = clean_lines(lines, CleanContext(titles=("Council approves the budget",)))
    rules = [r.rule for r in removed if r.text == text]
    return rules[0] if rules else None


def cases(category: str) -> list[tuple[str, str]]:
    return [
        (lang, phrase)
        for lang, phrases in sorted(by_language(f"cleaning.{category}").items())
        for phrase in phrases
    ]


def fill(phrase: str) -> str:
    """A phrase with its ``*`` filled by a site name."""
    return phrase.replace("*", "the herald")


@pytest.mark.parametrize("lang", REQUIRED_LANGUAGES)
def test_every_required_language_has_its_cleaning_phrases(lang: str) -> None:
    for category in REQUIRED:
        assert by_language(f"cleaning.{category}").get(lang), f"{lang}: no cleaning.{category}"


@pytest.mark.parametrize("category", (*REQUIRED, "weak_labels", "heading_prefixes"))
def test_phrases_are_lower_case_and_normalise_to_themselves(category: str) -> None:
    for lang, phrase in cases(category):
        assert phrase == phrase.lower(), f"{lang}: {phrase!r} is not lower-case"
        assert normalize(fill(phrase)), f"{lang}: {phrase!r} is only punctuation"


def test_weak_labels_are_promo_labels() -> None:
    labels_ = set(table("cleaning.promo_labels"))
    assert set(table("cleaning.weak_labels")) <= labels_


def test_every_trigger_is_derived_from_its_phrase() -> None:
    # promo labels: the first-word trigger of every label is in the trigger set
    for label in promo.PROMO_LABELS:
        assert first_word(label.split()[0]) in promo.PROMO_FIRST_WORDS, label
    # prefixes: every phrase sits in the bucket of its first two characters
    for matcher in (promo.HEADING_PREFIXES, labels.WIDGET_PREFIXES, chrome.SHARE_STARTS):
        assert isinstance(matcher, LinePrefixes)
        for phrase in table(*matcher.categories):
            assert matcher.match(normalize(fill(phrase))) >= 0, phrase
    # substrings: every phrase's trigger is a part of it
    for found in (chrome.CHROME_PHRASES, chrome.COPYRIGHT_PHRASES, chrome.CHROME_ANYWHERE_TRIGGERS):
        assert isinstance(found, Substrings)
        for phrase, trigger in zip(found.phrases, found.triggers, strict=True):
            assert trigger and trigger in phrase, phrase


@pytest.mark.parametrize(("lang", "label"), cases("promo_labels"))
def test_every_promo_label_with_a_teaser_is_removed(lang: str, label: str) -> None:
    assert removed_rule(f"{label.capitalize()}: {TEASER}") == "inline_promo", lang
    assert removed_rule(label.upper()) is not None, lang


@pytest.mark.parametrize(("lang", "heading"), cases("promo_headings"))
def test_every_promo_heading_is_removed(lang: str, heading: str) -> None:
    assert removed_rule(heading.capitalize()) is not None, lang


@pytest.mark.parametrize(("lang", "prefix"), cases("heading_prefixes"))
def test_every_heading_prefix_with_a_site_name_is_removed(lang: str, prefix: str) -> None:
    assert removed_rule(f"{prefix.capitalize()} The Herald") is not None, lang


@pytest.mark.parametrize(("lang", "label"), cases("widget_labels") + cases("ad_labels"))
def test_every_widget_and_ad_label_is_removed(lang: str, label: str) -> None:
    assert removed_rule(label.capitalize()) is not None, lang


@pytest.mark.parametrize(("lang", "prefix"), cases("widget_prefixes"))
def test_every_translation_widget_with_a_language_is_removed(lang: str, prefix: str) -> None:
    assert removed_rule(f"{prefix.capitalize()} English") == "widget_label", lang


@pytest.mark.parametrize(("lang", "start"), cases("share_starts"))
def test_every_share_appeal_is_removed(lang: str, start: str) -> None:
    assert removed_rule(f"{fill(start).capitalize()} now") is not None, lang


@pytest.mark.parametrize(("lang", "phrase"), cases("chrome_phrases"))
def test_every_chrome_phrase_is_removed_in_a_short_line(lang: str, phrase: str) -> None:
    assert removed_rule(f"Info: {fill(phrase)}.") is not None, lang


@pytest.mark.parametrize(("lang", "phrase"), cases("copyright") + cases("copyright_starts"))
def test_every_copyright_phrase_is_removed(lang: str, phrase: str) -> None:
    assert removed_rule(f"{phrase.capitalize()} 2025 Example Media") is not None, lang


@pytest.mark.parametrize("lang", REQUIRED_LANGUAGES)
def test_every_appeal_verb_with_a_channel_is_removed(lang: str) -> None:
    verbs = by_language("cleaning.appeal_verbs")[lang]
    channels = by_language("cleaning.channel_words")[lang]
    for verb in verbs:
        assert removed_rule(f"{verb} {channels[0]} 24/7") == "chrome", (lang, verb)
    for channel in channels:
        assert removed_rule(f"{verbs[0]} {channel} 24/7") == "chrome", (lang, channel)


@pytest.mark.parametrize(("lang", "label"), cases("section_labels"))
def test_every_section_label_above_the_text_is_removed(lang: str, label: str) -> None:
    assert removed_rule(label.capitalize(), at_top=True) is not None, lang


@pytest.mark.parametrize("lang", REQUIRED_LANGUAGES)
def test_a_breadcrumb_trail_from_home_is_removed(lang: str) -> None:
    home = by_language("cleaning.home_words")[lang][0]
    sections = by_language("cleaning.section_labels")[lang]
    trail = f"{home.capitalize()} > {sections[0].capitalize()} > {sections[1].capitalize()}"
    assert removed_rule(trail, at_top=True) == "breadcrumb", lang


#: Real sentences that mention translating, sharing or reading, in every language.
LOOKALIKES: dict[str, list[str]] = {
    "en": [
        "The students translate old letters from the archive into modern English every week.",
        "Neighbours share the cost of the new fence, the council said on Monday evening.",
        "She reads the morning papers at the harbour café before the market opens.",
    ],
    "de": [
        "Die Schüler übersetzen alte Briefe aus dem Stadtarchiv jede Woche ins heutige Deutsch.",
        "Die Nachbarn teilen sich die Kosten für den neuen Zaun, sagte der Bürgermeister am Montag.",
        "Sie liest jeden Morgen die Zeitung im Café am Hafen, bevor der Markt öffnet.",
    ],
    "fr": [
        "Les élèves traduisent chaque semaine de vieilles lettres des archives municipales en français moderne.",
        "Les voisins partagent le coût de la nouvelle clôture, a indiqué le maire lundi soir.",
        "Elle lit les journaux du matin au café du port avant l'ouverture du marché.",
    ],
    "es": [
        "Los alumnos traducen cada semana cartas antiguas del archivo municipal al español actual.",
        "Los vecinos comparten el coste de la nueva valla, según explicó el alcalde el lunes.",
        "Ella lee los periódicos de la mañana en el café del puerto antes de que abra el mercado.",
    ],
    "pt": [
        "Os alunos traduzem todas as semanas cartas antigas do arquivo municipal para o português atual.",
        "Os vizinhos compartilham o custo da nova cerca, disse o prefeito na segunda-feira.",
        "Ela lê os jornais da manhã no café do porto antes de o mercado abrir.",
    ],
    "it": [
        "Gli studenti traducono ogni settimana vecchie lettere dell'archivio comunale in italiano moderno.",
        "I vicini condividono il costo della nuova recinzione, ha detto il sindaco lunedì sera.",
        "Lei legge i giornali del mattino al caffè del porto prima che apra il mercato.",
    ],
    "nl": [
        "De leerlingen vertalen elke week oude brieven uit het stadsarchief naar hedendaags Nederlands.",
        "De buren delen de kosten van het nieuwe hek, zei de burgemeester maandagavond.",
        "Ze leest elke ochtend de kranten in het café aan de haven voordat de markt opengaat.",
    ],
    "ru": [
        "Студенты каждую неделю переводят старые письма из городского архива на современный русский язык.",
        "Соседи поделят расходы на новый забор, сообщил мэр в понедельник вечером.",
        "Она читает утренние газеты в кафе у порта до открытия рынка.",
    ],
    "uk": [
        "Студенти щотижня перекладають старі листи з міського архіву сучасною українською мовою.",
        "Сусіди поділять витрати на новий паркан, повідомив міський голова в понеділок.",
        "Вона читає ранкові газети в кав'ярні біля порту до відкриття ринку.",
    ],
    "pl": [
        "Uczniowie co tydzień tłumaczą stare listy z archiwum miejskiego na współczesny polski.",
        "Sąsiedzi podzielą się kosztami nowego ogrodzenia, powiedział burmistrz w poniedziałek.",
        "Ona czyta poranne gazety w kawiarni przy porcie, zanim otworzy się targ.",
    ],
    "cs": [
        "Studenti každý týden překládají staré dopisy z městského archivu do současné češtiny.",
        "Sousedé se podělí o náklady na nový plot, řekl starosta v pondělí večer.",
        "Každé ráno čte noviny v kavárně u přístavu, než otevře trh.",
    ],
    "tr": [
        "Öğrenciler her hafta belediye arşivindeki eski mektupları günümüz Türkçesine çeviriyor.",
        "Komşular yeni çitin masrafını paylaşacak, belediye başkanı pazartesi akşamı açıkladı.",
        "Her sabah pazar açılmadan önce liman kafesinde gazeteleri okuyor.",
    ],
    "sv": [
        "Eleverna översätter varje vecka gamla brev från stadsarkivet till modern svenska.",
        "Grannarna delar på kostnaden för det nya staketet, sade kommunalrådet på måndagen.",
        "Hon läser morgontidningarna på kaféet vid hamnen innan torget öppnar.",
    ],
    "da": [
        "Eleverne oversætter hver uge gamle breve fra byarkivet til moderne dansk.",
        "Naboerne deler udgiften til det nye hegn, sagde borgmesteren mandag aften.",
        "Hun læser morgenaviserne på caféen ved havnen, før torvet åbner.",
    ],
    "no": [
        "Elevene oversetter hver uke gamle brev fra byarkivet til moderne norsk.",
        "Naboene deler kostnaden for det nye gjerdet, sa ordføreren mandag kveld.",
        "Hun leser morgenavisene på kafeen ved havna før torget åpner.",
    ],
    "fi": [
        "Oppilaat kääntävät joka viikko kaupunginarkiston vanhoja kirjeitä nykysuomeksi.",
        "Naapurit jakavat uuden aidan kustannukset, kertoi pormestari maanantai-iltana.",
        "Hän lukee aamun lehdet sataman kahvilassa ennen kuin tori aukeaa.",
    ],
    "ro": [
        "Elevii traduc în fiecare săptămână scrisori vechi din arhiva orașului în româna de azi.",
        "Vecinii împart costul noului gard, a declarat primarul luni seară.",
        "Ea citește ziarele de dimineață la cafeneaua din port înainte să se deschidă piața.",
    ],
    "hu": [
        "A diákok minden héten régi leveleket fordítanak le a városi levéltárból mai magyar nyelvre.",
        "A szomszédok megosztják az új kerítés költségeit, mondta a polgármester hétfő este.",
        "Minden reggel a kikötői kávézóban olvassa az újságokat, mielőtt kinyit a piac.",
    ],
    "el": [
        "Οι μαθητές μεταφράζουν κάθε εβδομάδα παλιά γράμματα από το δημοτικό αρχείο στα σύγχρονα ελληνικά.",
        "Οι γείτονες μοιράζονται το κόστος του νέου φράχτη, δήλωσε ο δήμαρχος τη Δευτέρα.",
        "Διαβάζει τις πρωινές εφημερίδες στο καφέ του λιμανιού πριν ανοίξει η αγορά.",
    ],
    "ar": [
        "يترجم الطلاب كل أسبوع رسائل قديمة من أرشيف المدينة إلى العربية الحديثة في مكتبة الجامعة.",
        "سيتقاسم الجيران تكلفة السياج الجديد، بحسب ما قال رئيس البلدية مساء الاثنين.",
        "تقرأ الصحف الصباحية في مقهى الميناء قبل أن يفتح السوق أبوابه للزبائن.",
    ],
    "hi": [
        "छात्र हर सप्ताह नगर अभिलेखागार के पुराने पत्रों का आधुनिक हिंदी में अनुवाद करते हैं।",
        "पड़ोसी नई बाड़ का खर्च आपस में बांटेंगे, महापौर ने सोमवार शाम को बताया।",
        "वह बाजार खुलने से पहले बंदरगाह के कैफे में सुबह के अखबार पढ़ती है।",
    ],
    "id": [
        "Para siswa setiap minggu menerjemahkan surat-surat lama dari arsip kota ke bahasa Indonesia modern.",
        "Para tetangga akan berbagi biaya pagar baru, kata wali kota pada Senin malam.",
        "Dia membaca koran pagi di kafe pelabuhan sebelum pasar dibuka.",
    ],
    "ja": [
        "学生たちは毎週、市の公文書館に残る古い手紙を現代の日本語に翻訳している。",
        "新しい柵の費用は近所の住民で分担することになったと市長が月曜日の夜に明らかにした。",
        "彼女は市場が開く前に、港のカフェで朝刊を読むのが日課だ。",
    ],
    "ko": [
        "학생들은 매주 시립 기록관에 보관된 옛 편지를 현대 한국어로 번역하고 있다.",
        "이웃 주민들이 새 울타리 비용을 나눠 내기로 했다고 시장이 월요일 저녁 밝혔다.",
        "그녀는 시장이 문을 열기 전 항구 카페에서 아침 신문을 읽는다.",
    ],
    "zh": [
        "学生们每周把市档案馆里的旧信件翻译成现代汉语，供研究人员查阅。",
        "市长周一晚间表示，邻居们将共同分担新围栏的费用。",
        "她每天早上在市场开门前，坐在港口的咖啡馆里阅读报纸。",
    ],
}


def test_every_required_language_has_lookalike_sentences() -> None:
    assert set(REQUIRED_LANGUAGES) <= set(LOOKALIKES)


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [(lang, s) for lang, sentences in sorted(LOOKALIKES.items()) for s in sentences],
)
def test_sentences_that_mention_translating_sharing_or_reading_stay(
    lang: str, sentence: str
) -> None:
    assert removed_rule(sentence) is None, lang
    assert removed_rule(sentence, at_top=True) is None, lang


@pytest.mark.parametrize(
    "text",
    [
        "Diese Nachricht übersetzen in: Englisch",
        "Traduire cette actualité en anglais",
        "Traducir esta noticia al inglés",
        "Passer la publicité",
        "Copy link",
        "Popular on The Herald",
        "विज्ञापन",
        "广告",
    ],
)
def test_widgets_the_issue_names_are_removed(text: str) -> None:
    assert removed_rule(text) is not None


# --- the contact, meta-line and image-credit regexes are built from the tables -------------
def test_contact_meta_and_credit_regexes_come_from_the_tables() -> None:
    for label in phrases("cleaning.phone_labels"):
        assert chrome.PHONE_LINE_RE.match(f"{label}: +49 40 300 30 1141"), label
    for start in phrases("cleaning.contact_starts"):
        assert chrome.CONTACT_LINE_RE.match(f"{start} the desk at desk@example.com"), start
    for label in phrases("cleaning.meta_labels"):
        assert credits.META_LINE_RE.match(f"{label}: Politik"), label
    for label in phrases("cleaning.meta_headings"):
        assert credits.META_LABEL_RE.match(label.title() + ":"), label
    for word in phrases("cleaning.photo_words"):
        assert credits.IMAGE_CREDIT_RE.match(f"{word}: Reuters"), word
    for word in phrases("cleaning.caption_credit_words"):
        assert credits.CAPTION_CREDIT_RE.search(f"The mayor on Monday ({word}: N. N./Pool)."), word
    # look-alikes: the words inside sentences
    assert not credits.META_LINE_RE.match("Tagesordnung und Themenwahl wurden vertagt.")
    assert not chrome.PHONE_LINE_RE.match("Telefonieren am Steuer bleibt verboten.")


_SUBSTRING_MATCHERS = (
    chrome.CHROME_PHRASES,
    chrome.CHROME_ANYWHERE_TRIGGERS,
    chrome.CHROME_ANYWHERE_VERBS,
    chrome.COPYRIGHT_PHRASES,
)


@pytest.mark.parametrize("matcher", _SUBSTRING_MATCHERS, ids=lambda m: m.categories[0])
def test_present_finds_what_a_search_of_every_trigger_finds(matcher: Substrings) -> None:
    # the character and word tests only skip searches: each trigger alone, inside words,
    # between words and across lines is found exactly as a plain substring test finds it
    for trigger in matcher.triggers:
        for text in (trigger, f"x{trigger}y", f"ab {trigger} cd", f"z\n{trigger}\nz", "a b"):
            expected = tuple(i for i, t in enumerate(matcher.triggers) if t in text)
            assert matcher.present(text) == expected, (trigger, text)


def test_rarest_char_prefers_letters_rare_in_text() -> None:
    assert rarest_char("share") == "h"
    assert rarest_char("quiz") == "z"
    assert rarest_char("订阅") == "订"
    assert rarest_char("") == ""


def test_has_unspaced_is_is_unspaced_of_any_character() -> None:
    for text in ("", "plain", "ภาษาไทย", "mixed 中文", "한국어", "ｆｕｌｌ"):
        assert has_unspaced(text) == any(is_unspaced(c) for c in text)
