"""People and organisations credited in a byline, in every script of the phrase tables.

A byline ("By Jane Doe and John Roe, AP", "Von Birgit Baumann", "홍길동 기자 외 1명",
"山田太郎記者") is cut into parts at separators and "and" words; each part loses its
prefix ("By", "Von", "Текст:"), its reporter suffix ("기자", "記者") and any role or date
that follows the name, and is then an organisation (an agency of
``organizations.agencies``, a desk, the site itself), a person, or nothing (a share
widget's "Twitter Facebook", a fragment). All words come from the phrase tables
(``[byline]``, ``[people]``, ``[organizations]``); nothing here lists a language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Final, TypeAlias

from lxml.etree import XPath, _Element

from cleaning.phrases import phrases, subtable
from cleaning.text import normalize

#: Most words a person's name has; longer "authors" are sentences or job titles.
MAX_NAME_WORDS: Final = 5
#: Shortest single-word name taken from a JSON-LD ``Person``.
MIN_SINGLE_NAME: Final = 3
#: Most parts read from one byline.
MAX_PARTS: Final = 12
#: Length of a name written without spaces (Chinese, Japanese, Korean): 2 to 6 characters.
MIN_CJK_NAME: Final = 2
MAX_CJK_NAME: Final = 6
#: Roman numerals and generational suffixes, the only capitals-only words a name keeps.
_ROMAN: Final = frozenset({"ii", "iii", "iv", "jr", "sr"})
#: Characters never in a name (URLs, handles, markup, e-mail addresses).
_NOT_IN_NAME_RE: Final = re.compile(r"[@/:#<>{}=\d|]")
#: Punctuation around a word of a name.
_WORD_PUNCT: Final = ".,:;()[]\"'“”‘’«»"


def _is_cjk(char: str) -> bool:
    """Han, kana and Hangul: scripts that write names without spaces."""
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # kana
        or 0x3400 <= code <= 0x9FFF  # Han
        or 0xAC00 <= code <= 0xD7AF  # Hangul syllables
        or 0xF900 <= code <= 0xFAFF
    )


#: Phrases by their characters, one level a character ("" marks a phrase's end).
Trie: TypeAlias = dict[str, "Trie"]
#: A space between two words of a phrase: any whitespace in the text.
_SPACE: Final = " "


def phrase_alternation(words: Iterable[str]) -> str:
    r"""A regex of phrases, longest first, spaces matching any whitespace; for the
    case-insensitive patterns it is built into.

    The phrases are written as a trie ("by", "by the" -> ``by(?:\s+the)?``): the engine
    then tries one branch per character instead of every phrase in turn (several times
    faster on the hundreds of phrases of 25 languages), and a longer phrase still wins
    over a shorter one it continues, as in an alternation ordered longest first.
    """
    trie: Trie = {}
    for word in words:
        units = " ".join(word.split()).lower()
        if not units:
            continue
        node = trie
        for unit in units:
            node = node.setdefault(unit, {})
        node[""] = {}  # the end of a phrase
    return _trie_regex(trie)


def literal_alternation(words: Iterable[str]) -> str:
    """A regex of phrases exactly as written (a space matches a space), as a trie (see
    `phrase_alternation`): it matches where the plain alternation of the phrases does."""
    trie: Trie = {}
    for word in words:
        node = trie
        for unit in word:
            node = node.setdefault(unit, {})
        node[""] = {}
    return _trie_regex(trie, literal=True)


def _trie_regex(node: Trie, *, literal: bool = False) -> str:
    ends = "" in node
    branches = [
        (r"\s+" if unit == _SPACE and not literal else re.escape(unit))
        + _trie_regex(child, literal=literal)
        for unit, child in sorted(node.items())
        if unit
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and not ends else f"(?:{'|'.join(branches)})"
    return f"{body}?" if ends else body


def _bounded(words: Iterable[str]) -> str:
    """Alternation where a phrase in a spaced script must be a whole word; CJK needs none."""
    spaced = [w for w in words if not _is_cjk(w[-1:] or "a")]
    unspaced = [w for w in words if _is_cjk(w[-1:] or "a")]
    parts = []
    if spaced:
        parts.append(rf"(?<!\w)(?:{phrase_alternation(spaced)})(?!\w)")
    if unspaced:
        parts.append(rf"(?:{phrase_alternation(unspaced)})")
    return "|".join(parts) or r"(?!)"


#: A capital letter next, whatever the pattern's case flag (joined prefixes and "and").
_CAPITAL_NEXT: Final = r"(?-i:(?=[A-ZÀ-ÞĀ-Ž]))"


@dataclass(frozen=True)
class Vocabulary:
    """The byline vocabulary of every language, compiled once."""

    prefix_re: re.Pattern[str]
    #: A prefix anywhere in a piece, as a whole word followed by more text.
    inner_prefix_re: re.Pattern[str]
    suffix_re: re.Pattern[str]
    #: The phrases themselves, for a quick ``startswith``/``endswith`` before the regexes.
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    others_re: re.Pattern[str]
    separator_re: re.Pattern[str]
    #: A prefix joined to the name ("NguBongani Zulu"): only before a capital letter.
    attached_re: re.Pattern[str]
    role_re: re.Pattern[str]
    #: A credit for an editor ("责任编辑：X"): nobody it names is an author.
    editor_re: re.Pattern[str]
    #: A credit for the source ("来源：半月谈网"): an organisation.
    source_re: re.Pattern[str]
    end_words: frozenset[str]
    weekdays: frozenset[str]
    months: frozenset[str]
    non_person: frozenset[str]
    leading_articles: frozenset[str]
    desk_re: re.Pattern[str]
    agencies: dict[str, str]
    agency_re: re.Pattern[str]


@cache
def vocabulary() -> Vocabulary:
    """Compile the phrase tables' ``[byline]``, ``[people]``, ``[organizations]`` once."""
    attached_and = phrase_alternation(phrases("byline.attached_and"))
    # "and {n} others": the number is any number
    others = phrase_alternation(phrases("byline.others")).replace(r"\{n\}", r"\d+")
    agencies: dict[str, str] = {}
    for canonical, variants in subtable("organizations.agencies").items():
        for variant in (canonical, *variants):
            agencies.setdefault(normalize(variant), canonical)
    months = [word for values in subtable("dates.months").values() for word in values]
    prefixes = phrases("byline.prefixes")
    end_words = frozenset(
        w.casefold() for w in (*months, *phrases("dates.weekdays"), *phrases("dates.words"))
    )
    return Vocabulary(
        prefix_re=re.compile(
            rf"^\s*(?:{_bounded(phrases('byline.prefixes'))})\s*[:：]?\s*", re.IGNORECASE
        ),
        inner_prefix_re=re.compile(
            rf"(?<!\w)(?:{phrase_alternation(p for p in prefixes if not _is_cjk(p[-1:]))})"
            r"\s*[:：]?\s+(?=\w)",
            re.IGNORECASE,
        ),
        prefixes=tuple(p.casefold() for p in phrases("byline.prefixes")),
        suffixes=tuple(p.casefold() for p in phrases("byline.suffixes")) or ("\x00",),
        suffix_re=re.compile(
            rf"\s*(?:{_bounded(phrases('byline.suffixes'))})[\s.:：]*$", re.IGNORECASE
        ),
        others_re=re.compile(rf"\s*(?:{others or '(?!)'})", re.IGNORECASE),
        separator_re=re.compile(
            r"\s*(?:[;,&|·•、，،／\n]|\s/\s|\s[-–—]\s|\s(?:"
            + phrase_alternation(phrases("byline.and"))
            + r")\s"
            # "and" joined to the next name ("noThandiwe Mkhize"): only before a capital
            + rf"|\s(?:{attached_and or '(?!)'}){_CAPITAL_NEXT}"
            + r")\s*",
            re.IGNORECASE,
        ),
        attached_re=re.compile(
            rf"^\s*(?:{phrase_alternation(phrases('byline.attached')) or '(?!)'}){_CAPITAL_NEXT}",
            re.IGNORECASE,
        ),
        role_re=re.compile(rf"(?:{_bounded(phrases('byline.roles'))})", re.IGNORECASE),
        source_re=re.compile(
            rf"^\s*(?:{phrase_alternation(phrases('byline.sources'))})\s*[:：]\s*", re.IGNORECASE
        ),
        editor_re=re.compile(
            rf"^\s*(?:{phrase_alternation(phrases('byline.editors'))})\s*[:：]", re.IGNORECASE
        ),
        end_words=end_words,
        weekdays=frozenset(w.casefold() for w in phrases("dates.weekdays")),
        months=frozenset(w.casefold() for w in months),
        non_person=frozenset(w.casefold() for w in phrases("people.non_person")),
        leading_articles=frozenset(w.casefold() for w in phrases("people.leading_articles")),
        desk_re=re.compile(rf"(?:{_bounded(phrases('organizations.desks'))})", re.IGNORECASE),
        agencies=agencies,
        agency_re=re.compile(rf"(?:{_bounded(v for v in agencies if len(v) >= 2)})", re.IGNORECASE),
    )


@dataclass(frozen=True)
class Credits:
    """The people and organisations of one or more bylines."""

    people: list[str]
    organizations: list[str]
    #: Parts that named neither a person nor an organisation ("View author publications").
    dropped: int = 0


def _clean_part(part: str, vocab: Vocabulary) -> str:
    """A part without its prefix, reporter suffix and surrounding punctuation."""
    previous = None
    while previous != part:
        previous = part
        folded = part.casefold()
        if folded.lstrip().startswith(vocab.prefixes):
            part = vocab.prefix_re.sub("", part)
        part = vocab.attached_re.sub("", part)
        if folded.rstrip(" .:：").endswith(vocab.suffixes):
            part = vocab.suffix_re.sub("", part)
        initial = _INITIAL_END_RE.search(part)
        part = part.strip(" .-–—:：()[]\"'“”«»*")
        if initial is not None and part.endswith(initial[1]):
            part += "."  # "Juan Carlos Muñoz C.": an initial, not a cut-off name
    return part


#: A name ending in an initial with its full stop ("Nicolas Gutierrez C.").
_INITIAL_END_RE: Final = re.compile(r"\s(\w)\.\s*$")


def split_names(raw: str) -> list[str]:
    """Split a byline into name strings ("By A, B and C" -> [A, B, C]).

    Args:
        raw: A byline or author field.

    Returns:
        The parts, without prefixes ("By", "Text:"), reporter suffixes ("기자"),
        "and N others" forms, and the roles, outlets and dates after a name.
    """
    vocab = vocabulary()
    names = []
    for part, _rest in _parts(raw, vocab):
        if part:
            names.append(part)
    return names


def _parts(raw: str, vocab: Vocabulary) -> list[tuple[str, str]]:
    """``(name, rest)`` for each part of a byline: the name and what was cut after it."""
    text = unicodedata.normalize("NFC", raw).replace("\u00a0", " ")
    text = vocab.others_re.sub(" ; ", text)
    if "(" in text or ")" in text or "[" in text or "]" in text:
        text = _BRACKET_RE.sub(" ; ", text)
    text = _clean_part(text, vocab)
    out = []
    pieces = vocab.separator_re.split(text)
    while pieces:
        piece = _clean_part(_after_dated_prefix(pieces.pop(0), vocab), vocab)
        if not piece:
            continue
        name, rest = _trim_name(piece, vocab)
        out.append((_clean_part(name, vocab), rest))
        # "新华社记者 张伟": an outlet, its role word, then the name
        role = vocab.role_re.match(rest)
        if role is not None and rest[role.end() :].strip() and len(out) < MAX_PARTS:
            pieces.insert(0, rest[role.end() :])
            if (
                name
                and _is_cjk(name[-1])
                and _is_cjk(rest[role.start()])
                and piece.startswith(name + rest[: role.end()])
                and normalize(name) not in vocab.agencies
            ):
                # the outlet joined to the role ("半月谈记者 史卫燕"), not a person
                out[-1] = ("", name)
    return out


#: Brackets around a part of a byline (a role, an outlet): a separator.
_BRACKET_RE: Final = re.compile(r"[()\[\]]")


def _after_dated_prefix(piece: str, vocab: Vocabulary) -> str:
    """A piece from its byline prefix on, when a date or time comes first ("2019 12:02 PM
    By David Jeans", "15:49 VON Sina Giebel")."""
    if not any(c.isdigit() for c in piece):
        return piece
    match = vocab.inner_prefix_re.search(piece)
    if match is None or match.start() == 0 or not any(c.isdigit() for c in piece[: match.start()]):
        return piece
    return piece[match.start() :]


def _trim_name(part: str, vocab: Vocabulary) -> tuple[str, str]:
    """Cut what follows a name: a role, outlet, date or handle. Returns ``(name, rest)``."""
    role = vocab.role_re.search(part)
    if role is not None and role.start() > 0:
        head = part[: role.start()].strip(" ,.-–—")
        if head:
            return _trim_name(head, vocab)[0], part[role.start() :]
    tokens = part.split()
    all_caps = part.isupper()
    for i, token in enumerate(tokens):
        if i < 2:
            continue
        bare = token.strip(_WORD_PUNCT)
        previous = tokens[i - 1]
        if vocab.desk_re.fullmatch(bare):
            # "JERUSALEM POST STAFF": an outlet's desk, kept whole for the organisations
            return " ".join(tokens[: i + 1]), " ".join(tokens[i + 1 :])
        folded = bare.casefold()
        if folded in vocab.months:
            # "Jane Doe 12 May" but not "Trần Thị Mai": a month only beside a number
            after = tokens[i + 1] if i + 1 < len(tokens) else ""
            if any(c.isdigit() for c in after + previous):
                return _name_head(tokens[:i]), " ".join(tokens[i:])
            continue
        if (
            folded in vocab.end_words
            or folded in vocab.non_person
            or any(c.isdigit() for c in bare)
            or bare.startswith("@")
            or (
                not all_caps and len(bare) >= 2 and bare.isupper() and bare.casefold() not in _ROMAN
            )
            # "Jane Doe. Outlet Name": a full stop after a word that is not an initial
            or (previous.endswith(".") and len(previous.strip(".")) > 1)
        ):
            return _name_head(tokens[:i]), " ".join(tokens[i:])
    return part, ""


def _name_head(tokens: list[str]) -> str:
    """The words before a cut, without the lower-case words that led into it ("Louis
    Jacobson on | Monday", "Cooper am | 25.08.2015": a preposition of the date, never the
    end of a name, whose last word is capitalised in every cased script)."""
    end = len(tokens)
    while end > 1 and tokens[end - 1][:1].islower():
        end -= 1
    return " ".join(tokens[:end])


def _words(name: str) -> list[str]:
    return [w for w in (t.strip(_WORD_PUNCT) for t in name.split()) if w]


def is_person_name(name: str, site_name: str | None = None) -> bool:
    """Whether a string looks like one person's name.

    Args:
        name: Candidate name.
        site_name: The publisher's name; a byline equal to it is not a person.

    Returns:
        False for organisations, roles ("Staff Reporter"), widget words ("Twitter
        Facebook"), URLs, e-mail addresses, the site's name, fragments ("Ilanga D") and
        over-long strings.
    """
    vocab = vocabulary()
    if not name or _NOT_IN_NAME_RE.search(name):
        return False
    words = _words(name)
    if not words or len(words) > MAX_NAME_WORDS:
        return False
    if len(words) == 1:
        # one word: only a name in a script written without spaces ("홍길동", "山田太郎")
        word = words[0]
        if not (all(_is_cjk(c) for c in word) and MIN_CJK_NAME <= len(word) <= MAX_CJK_NAME):
            return False
    if any(w.casefold() in vocab.non_person for w in words):
        return False
    # "Monday November": a dateline read as a name
    dated = sum(w.casefold() in vocab.end_words for w in words)
    if words[0].casefold() in vocab.weekdays or (dated >= 2 and dated == len(words)):
        return False
    key = normalize(name)
    if key in vocab.agencies or vocab.desk_re.search(name) or vocab.role_re.fullmatch(name):
        return False
    # "The Editors", "Der Spiegel"; "CNN Business" (an outlet opening with an acronym)
    if words[0].casefold() in vocab.leading_articles or (
        len(words) > 1
        and len(words[0]) >= 2
        and words[0].isupper()
        and words[0].isalpha()  # "J.R. Stone": initials
        and not name.isupper()
    ):
        return False
    if site_name and key in (normalize(site_name), normalize(site_name).replace(" ", "")):
        return False
    # "Ilanga D": a single letter at the end is a cut-off name, not an initial
    last = words[-1]
    if len(words) > 1 and len(last) == 1 and not _is_cjk(last) and not name.endswith("."):
        return False
    # particles ("von der", "de la", "van") may be lower-case; the ends may not. Scripts
    # without case (Arabic, Devanagari, Han...) have no capitals to check.
    cased = [w for w in words if w[:1].isupper() or w[:1].islower()]
    if not cased:
        return True
    capitals = sum(1 for w in cased if w[:1].isupper())
    return cased[0][:1].isupper() and cased[-1][:1].isupper() and capitals * 2 >= len(cased)


def organization_name(part: str, site_name: str | None) -> str | None:
    """The normalised organisation a byline part credits, or None.

    Args:
        part: One part of a byline ("AP", "Associated Press", "Redaktion", "Site Staff").
        site_name: The publisher's name.

    Returns:
        The agency's one spelling (``organizations.agencies``); the site's name when the
        part names the site or one of its desks ("Redaktion", "La rédaction", "Site
        Staff": the site itself is credited); a desk as written when the site's name is
        unknown; or None.
    """
    vocab = vocabulary()
    if not part or _NOT_IN_NAME_RE.search(part) or len(part) > 60:
        return None
    key = normalize(part)
    if key in vocab.agencies:
        return vocab.agencies[key]
    site = normalize(site_name) if site_name else None
    if site and key in (site, site.replace(" ", "")):
        return site_name
    desk = vocab.desk_re.search(part)
    if desk is not None and len(_words(part)) <= MAX_NAME_WORDS:
        return site_name or " ".join(part.split())
    return None


#: Shortest host label read as an outlet's name at the start of a byline.
MIN_HOST_WORD: Final = 5


def names_host(name: str, host: str) -> bool:
    """Whether ``name`` is the site's own name as its host spells it.

    "LinkNaija" on linknaija.com, "Hildesheimer Presse" on hildesheimer-presse.de,
    "Deutsche Welle" on dw.com (the initials of a name of two or more words): an outlet
    credited in its own byline, never a person.

    Args:
        name: A byline name.
        host: The page's host name.
    """
    labels = [label for label in host.casefold().split(".") if label and label != "www"]
    if len(labels) < 2:
        return False
    # the registrable label: "example" of "news.example.co.uk" and of "example.com"
    label = labels[-3] if len(labels) >= 3 and len(labels[-2]) <= 3 else labels[-2]
    label = label.replace("-", "")
    words = _words(name)
    compact = "".join(w.casefold() for w in words)
    if not compact:
        return False
    if compact == label:
        return True
    # a one-word handle the host opens with: "Vortex" on vortexcannon.org
    if len(words) == 1 and len(compact) >= MIN_HOST_WORD and label.startswith(compact):
        return True
    # the outlet's desk: "Telegraph Sport" on telegraph.co.uk
    if len(words) >= 2 and len(label) >= MIN_HOST_WORD and words[0].casefold() == label:
        return True
    return len(words) >= 2 and len(label) >= 2 and "".join(w[0].casefold() for w in words) == label


def _agencies_in(text: str, vocab: Vocabulary) -> list[str]:
    """Agencies named inside a role or outlet ("AP Auto Writer" -> AP)."""
    return [
        vocab.agencies[normalize(m.group(0))]
        for m in vocab.agency_re.finditer(text)
        # short forms ("AP", "PA", "AA") only as written by the agency, in capitals
        if len(m.group(0)) > 3 or m.group(0).isupper()
    ]


def credits(raw_names: Iterable[str], site_name: str | None, *, typed: bool = False) -> Credits:
    """People and organisations of raw author strings, each de-duplicated in order.

    Args:
        raw_names: Author strings as found (may hold several names each).
        site_name: The publisher's name.
        typed: The strings are names of JSON-LD ``Person`` nodes: a single capitalised
            word ("Josh", as the byline prints it) is a person too.

    Returns:
        The people (never a site, desk or widget word) and the organisations.
    """
    vocab = vocabulary()
    persons: list[str] = []
    organizations: list[str] = []
    dropped = 0
    for raw in raw_names:
        if vocab.editor_re.match(raw):
            continue  # the editor's credit ("责任编辑：孔德明"), not the author's
        source = vocab.source_re.match(raw)
        if source is not None:
            outlet = " ".join(raw[source.end() :].split())
            if outlet and outlet not in organizations and outlet != site_name:
                organizations.append(outlet)
            continue
        whole = organization_name(_clean_part(raw, vocab), site_name)
        if whole is not None:
            if whole not in organizations:
                organizations.append(whole)
            continue
        raw = _without_unknown_label(raw, vocab)
        parts = _parts(raw, vocab)
        if not typed and _prefixed_single_name(raw, parts, site_name, vocab):
            # "Geschrieben von Cooper am 25.08.2015", "by Catherine": a user name, as the
            # byline's own prefix says
            _add_person(persons, parts[0][0].strip())
            continue
        for name, rest in parts:
            name = " ".join(name.split())
            found = []
            first = normalize(name.split()[0]) if name.split() else ""
            if first in vocab.agencies and (name.isupper() or vocab.role_re.match(rest)):
                # "AP NATIONAL POLITICAL": an agency's desk in capitals, not a person
                found.append(vocab.agencies[first])
            elif is_person_name(_cased(name), site_name) or (typed and _single_name(raw)):
                _add_person(persons, _cased(name))
            else:
                org = organization_name(name, site_name)
                found = [org] if org else []
                dropped += bool(name) and not org
            found.extend(_agencies_in(rest, vocab))
            organizations.extend(o for o in found if o not in organizations)
    return Credits(persons, organizations, dropped)


#: One word and a colon opening a byline: its label in a language of no table ("Egilea:
#: Miren Etxeberria", "Awdur: Elin Jones").
_UNKNOWN_LABEL_RE: Final = re.compile(
    r"^\s*(?P<label>[^\W\d_]{2,20})\s*[:：]\s*(?P<rest>\S.*)$", re.S
)


@cache
def _photo_labels() -> frozenset[str]:
    """Photo credit words of every table: a credit so labelled names no author."""
    return frozenset(normalize(w) for w in phrases("cleaning.photo_words"))


def _without_unknown_label(raw: str, vocab: Vocabulary) -> str:
    """A byline without an opening one-word label the tables do not know, when people's
    names follow it (a known prefix is `_clean_part`'s; a photo credit stays as it is)."""
    match = _UNKNOWN_LABEL_RE.match(raw)
    if match is None or raw.casefold().lstrip().startswith(vocab.prefixes):
        return raw
    if normalize(match["label"]) in _photo_labels():
        return raw
    rest = match["rest"]
    return rest if rest[:1].isupper() or not rest[:1].isascii() else raw


def _prefixed_single_name(
    raw: str, parts: list[tuple[str, str]], site_name: str | None, vocab: Vocabulary
) -> bool:
    """Whether a byline is a prefix and then one capitalised word, the only name."""
    parts = [p for p in parts if p[0]]
    if not parts or not _single_name(parts[0][0]) or any(_single_name(p) for p, _ in parts[1:]):
        return False
    if any(c.isupper() for c in parts[0][0][1:]):
        return False  # a handle ("KleineGrüneMonster", "SAnews"), not a name
    if not raw.casefold().lstrip().startswith(vocab.prefixes) or not vocab.prefix_re.match(raw):
        return False
    name = normalize(parts[0][0])
    return not site_name or name not in (
        normalize(site_name),
        normalize(site_name).replace(" ", ""),
    )


def _cased(name: str) -> str:
    """An all-capitals Latin name in title case ("JANE DOE" -> "Jane Doe")."""
    return name.title() if name.isupper() and len(name) > 3 and name.isascii() else name


def _add_person(persons: list[str], name: str) -> None:
    """Add a name unless it repeats one, keeping the shorter of a name and its extension
    ("Anna Menin" and "Anna Menin Share": a byline and its share box)."""
    key = normalize(name)
    for i, earlier in enumerate(persons):
        known = normalize(earlier)
        if key == known or key.startswith(known + " "):
            return
        if known.startswith(key + " "):
            persons[i] = name
            return
    persons.append(name)


def _single_name(name: str) -> bool:
    """One capitalised word of letters, not a widget, desk or date word."""
    vocab = vocabulary()
    word = name.strip()
    return (
        " " not in word
        and len(word) >= MIN_SINGLE_NAME
        and word.isalpha()
        and word[:1].isupper()
        and not word.isupper()
        and word.casefold() not in vocab.non_person
        and word.casefold() not in vocab.end_words
        and vocab.desk_re.fullmatch(word) is None
    )


def people(raw_names: Iterable[str], site_name: str | None) -> list[str]:
    """The people of raw author strings (see `credits`)."""
    return credits(raw_names, site_name).people


#: Byline elements in the page body (schema.org microdata, rel=author, "byline"/"author"
#: classes of most CMS templates, test ids of script-built pages).
BYLINE_XPATH: Final = XPath(
    # attribute axes first: about twice as fast as testing every element's attributes;
    # the elements' attributes ("//*/@", not "//@"): libxml2 then does not walk the text
    # nodes too (a seventh faster)
    '//*/@class[contains(., "byline") or contains(., "author")]/..'
    ' | //*/@rel[. = "author"]/.. | //*/@itemprop[. = "author"]/..'
    ' | //*/@data-testid[contains(., "byline")]/..'
    # a schema.org Person's name without itemprop="author" on its element
    ' | //*/@itemtype[contains(., "schema.org/Person")]/..'
)


@cache
def _author_path_re() -> re.Pattern[str]:
    """Links to an author's page (``/author/jane-doe``: ``byline.author_paths`` words)."""
    paths = sorted({w.strip("/").casefold() for w in phrases("byline.author_paths")})
    return re.compile(rf"/(?:{phrase_alternation(paths) or '(?!)'})/", re.IGNORECASE)


def author_links(tree: _Element) -> list[str]:
    """Texts of the page's first links to an author's page (a byline without byline
    markup, as script-built and blog templates print it); only read when the page names
    nobody otherwise (menus and related articles hold such links too)."""
    found: list[str] = []
    pattern = _author_path_re()
    # a plain walk over the links and one regex: several times faster than an XPath
    # testing each path word
    for element in tree.iter("a"):
        href = element.get("href")
        if not href or pattern.search(href) is None:
            continue
        if _elsewhere(element):
            continue
        text = " ".join("".join(element.itertext()).split())
        if text and len(text) < MAX_BYLINE_CHARS and text not in found:
            found.append(text)
            if len(found) == MAX_BYLINE_ELEMENTS:
                break
    return found


#: An hCard's formatted name (``class="fn"``) inside an author's card (``vcard``).
#: (the attribute axis first, as in `BYLINE_XPATH`: several times faster than testing
#: every element's class words)
HCARD_XPATH: Final = XPath('//*/@class[contains(., "vcard")]/..')


def _hcard_name_elements(
    tree: _Element, matches: list[_Element] | None = None
) -> Iterable[_Element]:
    for card in HCARD_XPATH(tree) if matches is None else matches:
        if "vcard" not in (card.get("class") or "").split():
            continue
        for element in card.iter():
            if isinstance(element.tag, str) and "fn" in (element.get("class") or "").split():
                yield element


def hcard_names(
    tree: _Element, site_name: str | None, matches: list[_Element] | None = None
) -> list[str]:
    """The person of the page's first hCard outside the comments: a formatted name as the
    microformat marks it, a single word too ("Sandra", a blog's user name). Read only when
    the page names nobody otherwise."""
    for element in _hcard_name_elements(tree, matches):
        if _elsewhere(element):
            continue
        text = " ".join("".join(element.itertext()).split())
        if not text or len(text) >= MAX_BYLINE_CHARS:
            continue
        if _single_name(text) and not any(c.isupper() for c in text[1:]):
            site = normalize(site_name) if site_name else None
            return [] if site and normalize(text) in (site, site.replace(" ", "")) else [text]
        return credits([text], site_name).people
    return []


#: Byline elements looked at, and their longest text (longer ones are author boxes).
MAX_BYLINE_ELEMENTS: Final = 5
MAX_BYLINE_CHARS: Final = 120
MAX_BYLINE_CHILDREN: Final = 10
_NO_TEXT: Final = frozenset({"script", "style", "noscript", "template", "button", "svg"})


class _TooLong(Exception):
    """A byline element's text reached its limit (an author box, a post's whole body)."""


def _byline_text(element: _Element, limit: int | None = None) -> str:
    """An element's text with each link its own part: "<a>A B</a><a>C D</a>" is two names.

    With ``limit``, "" as soon as the text is known to be at least that long: the walk
    stops there (an element of few children can hold a whole post).
    """
    pieces: list[str] = []
    size = 0
    # the characters written when the visible ones (neither spaces nor the ";" the
    # separators collapse to) are counted next: each adds at most one visible character
    check_at = limit

    def add(text: str) -> None:
        nonlocal size, check_at
        pieces.append(text)
        size += len(text)
        if check_at is not None and limit is not None and size >= check_at:
            written = "".join(pieces)
            visible = len("".join(written.split())) - written.count(";")
            if visible >= limit:
                raise _TooLong
            check_at = size + limit - visible

    def walk(node: _Element) -> None:
        if node.text:
            add(node.text)
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "a":
                add(" ; " + " ".join(child.itertext()) + " ; ")
            elif tag == "br":
                add(" ; ")
            elif tag and tag not in _NO_TEXT:
                walk(child)
            if child.tail:
                add(child.tail)

    try:
        walk(element)
    except _TooLong:
        return ""
    text = " ".join("".join(pieces).split())
    return (_SEMICOLONS_RE.sub(" ; ", text) if ";" in text else text).strip(" ;")


#: A run of part separators (links next to each other, a link after a line break).
_SEMICOLONS_RE: Final = re.compile(r"(?:\s*;\s*)+")


#: Elements whose bylines are other articles' (sidebars, menus).
_ASIDE_TAGS: Final = ("aside", "nav")
#: Ancestors of a byline element looked at for a comment section.
COMMENT_LEVELS: Final = 8
#: A class or id of a comment section or of one comment: a word opening with "comment"
#: ("comments", "commentlist", "comment-body", "comment-author"), any template's.
_COMMENT_RE: Final = re.compile(r"(?:^|[\s_-])comment", re.IGNORECASE)


def _in_comments(element: _Element) -> bool:
    """Whether a byline element is a comment's (in a comment section, or one itself)."""
    node: _Element | None = element
    for _ in range(COMMENT_LEVELS):
        if node is None:
            return False
        for name in ("class", "id"):
            value = node.get(name)
            if value and "omment" in value and _COMMENT_RE.search(value):
                return True
        node = node.getparent()
    return False


def _elsewhere(element: _Element) -> bool:
    """Whether a byline element credits something else than the article: a reader's
    name over a comment ("comment-author vcard"), a sidebar's or a menu's teaser."""
    return _in_comments(element) or any(True for _ in element.iterancestors(*_ASIDE_TAGS))


def byline_candidates(tree: _Element) -> list[str]:
    """Texts of the page's first byline elements (see `BYLINE_XPATH`)."""
    return [text for _, text in byline_elements(tree)]


def byline_elements(
    tree: _Element, matches: list[_Element] | None = None
) -> list[tuple[_Element, str]]:
    """The page's first byline elements (see `BYLINE_XPATH`; ``matches``: its answer,
    when already known) with their texts."""
    found: list[tuple[_Element, str]] = []
    texts: set[str] = set()
    for element in BYLINE_XPATH(tree) if matches is None else matches:
        if len(element) > MAX_BYLINE_CHILDREN:  # a container ("<body class=author-x>")
            continue
        if _elsewhere(element):
            continue
        text = _byline_text(element, MAX_BYLINE_CHARS)
        if text and len(text) < MAX_BYLINE_CHARS and text not in texts:
            texts.add(text)
            found.append((element, text))
            if len(found) == MAX_BYLINE_ELEMENTS:
                break
    return found


#: Levels above a byline element read for the line it is printed on, and the most text
#: pieces and characters read there.
BYLINE_LINE_LEVELS: Final = 2
BYLINE_LINE_PIECES: Final = 12
BYLINE_LINE_CHARS: Final = 300


def byline_line(element: _Element) -> list[str]:
    """The short text pieces of the line a byline element is printed on: its parent's,
    else its grandparent's ("Mai 03, 2017 / Sandra" in a post footer, the date in a link
    beside the author's card)."""
    node = element
    for _ in range(BYLINE_LINE_LEVELS):
        parent = node.getparent()
        if parent is None:
            break
        node = parent
        pieces: list[str] = []
        size = 0
        for text in node.itertext():
            text = " ".join(text.split())
            if text:
                pieces.append(text)
                size += len(text)
                if len(pieces) >= BYLINE_LINE_PIECES or size >= BYLINE_LINE_CHARS:
                    break
        if any(c.isdigit() for p in pieces for c in p):
            return pieces
    return []


#: Separators between a dateline and a byline printed on one line ("2 May 2025 | By X").
_DATELINE_SEPARATOR_RE: Final = re.compile(r"\s[|•·]\s|\s[-–—]\s")
#: Longest piece read as a byline (characters).
MAX_PRINTED_BYLINE_CHARS: Final = 100


def prefixed_bylines(pieces: Iterable[str], *, now: datetime) -> list[str]:
    """Bylines among text pieces near the headline, for pages without byline markup.

    A segment that opens with a byline prefix ("Av Anders Ek, Maria Sundberg"), or the
    other segments of a dateline line ("15.11.2025 20:45 | Jussi Heikkinen",
    "2025.08.14 22:40 | 이지은·박준호 기자").

    Args:
        pieces: Short text pieces near the headline.
        now: Dates after this moment are not datelines.

    Returns:
        The segments, in order.
    """
    from cleaning.metadata.dates import text_date

    vocab = vocabulary()
    found = []
    for piece in _prefixes_joined(list(pieces), vocab):
        if len(piece) > MAX_PRINTED_BYLINE_CHARS:
            continue
        segments = [s.strip() for s in _DATELINE_SEPARATOR_RE.split(piece) if s.strip()]
        dated = [text_date(s, now=now) is not None for s in segments]
        for segment, is_date in zip(segments, dated, strict=True):
            prefixed = (
                segment.casefold().startswith(vocab.prefixes)
                and (match := vocab.prefix_re.match(segment)) is not None
                and match.end() < len(segment)
            )
            if (
                prefixed
                or (not is_date and len(segments) > 1 and any(dated))
                or _cjk_credit(segment, vocab)
            ):
                found.append(segment)
    return found


def _prefixes_joined(pieces: list[str], vocab: Vocabulary) -> list[str]:
    """The pieces with a byline prefix printed in an element of its own ("By" |
    "Matthew Digby" | "," | "Minh Do") joined to the name after it, and to the names that
    follow a separator piece."""
    out: list[str] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        index += 1
        match = vocab.prefix_re.match(piece) if len(piece) < MAX_PREFIX_PIECE_CHARS else None
        if match is None or match.end() < len(piece) or index >= len(pieces):
            out.append(piece)
            continue
        joined = [piece, pieces[index]]
        index += 1
        while index + 1 < len(pieces) and vocab.separator_re.fullmatch(f" {pieces[index]} "):
            joined += pieces[index : index + 2]
            index += 2
        out.append(" ".join(joined))
    return out


#: Longest piece that can be a byline prefix alone ("Written by", "Geschrieben von").
MAX_PREFIX_PIECE_CHARS: Final = 24


#: Longest line read as a signature ("Text: Jane Doe", "Redaktion: Eberhard Fuhr (Sprecher)"),
#: in words once a trailing parenthesis is dropped.
MAX_SIGNATURE_WORDS: Final = 6
#: A parenthesis after the name (the signer's role or initials: "(Pressesprecher)", "(eg)").
_PARENTHESIS_RE: Final = re.compile(r"\s*[(（][^)）]*[)）]")


@cache
def _signature_re() -> re.Pattern[str]:
    """A signature's label: a byline prefix (colon optional) or a ``byline.signatures``
    word before a colon."""
    labels = _bounded(phrases("byline.signatures"))
    return re.compile(
        rf"^\s*(?:(?:{_bounded(phrases('byline.prefixes'))})\s*[:：]?|(?:{labels})\s*[:：])\s*",
        re.IGNORECASE,
    )


def signature_people(lines: Iterable[str], site_name: str | None) -> list[str]:
    """The people of a signature line at the start or end of the article's text, for pages
    whose byline has no markup ("Autor: Jane Doe", "Text von Jane Doe Illustration von
    John Roe", "Auteur : Jane Doe", "Redaktion: Jane Doe (Pressesprecherin)").

    Args:
        lines: The few text lines at the very start and very end of the article body
            (and the byline lines the cleaner removed), in that order.
        site_name: The publisher's name (never a person).

    Returns:
        The people of the first short signature line whose every name passes the name
        tests, or an empty list.
    """
    vocab = vocabulary()
    pattern = _signature_re()
    for line in lines:
        closing = _closing_credit(line, vocab, site_name)
        if closing:
            return closing
        line = _PARENTHESIS_RE.sub("", " ".join(line.split())).lstrip("-–—|·•:/ ")
        match = pattern.match(line)
        if match is None or match.end() >= len(line):
            continue
        rest = line[match.end() :]
        # a second credit on the line ("... Illustration von John Roe", "... Edition : X"):
        # the signer's name ends before its label word
        inner = vocab.inner_prefix_re.search(rest) or _LABEL_RE.search(rest)
        if inner is not None:
            before = rest[: inner.start()].split()
            if inner.re is _LABEL_RE:
                rest = " ".join(before)
            elif len(before) >= 3:  # "Konstantin von Notz" keeps its "von"
                rest = " ".join(before[:-1])
        if not rest or len(rest.split()) > MAX_SIGNATURE_WORDS:
            continue
        found = credits([rest], site_name)
        if found.people and not found.organizations:
            return found.people
    return []


#: A parenthesis closing a line ("...的城！（评论员 罗博 萧海川）"), and its longest content.
_CLOSING_PARENTHESIS_RE: Final = re.compile(r"[(（]([^()（）]{2,40})[)）]\s*$")


def _closing_credit(line: str, vocab: Vocabulary, site_name: str | None) -> list[str]:
    """The people of a parenthesised credit closing a line of the text: a reporter's role
    word or a byline prefix, then the names ("（评论员 罗博 萧海川）", "（记者 王晓明）").
    Names written without spaces (Han, kana, Hangul) are one a word there; a word of
    another length (a photo credit's "（记者 张三 摄）") is no credit."""
    if not line.rstrip().endswith((")", "）")):
        return []
    match = _CLOSING_PARENTHESIS_RE.search(line)
    if match is None:
        return []
    content = match[1].strip()
    label = vocab.role_re.match(content) or vocab.prefix_re.match(content)
    if label is None or vocab.source_re.match(content):
        return []
    if content[: label.end()].strip(" :：").casefold() in _editor_words():
        return []  # an editor's credit ("（编辑 王华军）") names no author
    rest = content[label.end() :].strip(" :：")
    words = rest.split()
    if not words:
        return []
    if all(all(_is_cjk(c) for c in w) for w in words):
        if not all(MIN_CJK_NAME <= len(w) <= MAX_CJK_CREDIT_NAME for w in words):
            return []
        names = [credits([w], site_name).people for w in words]
        return [n[0] for n in names] if all(len(n) == 1 for n in names) else []
    found = credits([rest], site_name)
    return found.people if found.people and not found.organizations and not found.dropped else []


@cache
def _editor_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in phrases("byline.editors"))


#: Longest name read from a parenthesised CJK credit (a family and a given name).
MAX_CJK_CREDIT_NAME: Final = 4


#: Another label on a signature line ("Edition : M. Roe", "Fotos: John Roe").
_LABEL_RE: Final = re.compile(r"\s+[^\W\d_]+\s*[:：]\s")


#: Longest piece read as an outlet, a CJK role word and a name ("半月谈记者 史卫燕").
MAX_CJK_CREDIT_CHARS: Final = 16


def _cjk_credit(segment: str, vocab: Vocabulary) -> bool:
    """A short CJK piece with a reporter's role word before a name ("半月谈记者 史卫燕")."""
    if len(segment) > MAX_CJK_CREDIT_CHARS or not segment or not _is_cjk(segment[-1]):
        return False
    if vocab.editor_re.match(segment):
        return False
    match = vocab.role_re.search(segment)
    return match is not None and _is_cjk(segment[match.start()]) and match.end() < len(segment)


def edited_by(pieces: Iterable[str]) -> list[str]:
    """The names an editor's credit gives ("责任编辑：孔德明" -> 孔德明): never authors, even
    where the page's meta tags name them."""
    vocab = vocabulary()
    names: list[str] = []
    for piece in pieces:
        match = vocab.editor_re.match(piece)
        if match is not None:
            names.extend(split_names(piece[match.end() :]))
    return names


#: Tags of a label printed before a credit ("<strong>Autor:</strong> <a>Jane Doe</a>").
_LABEL_TAGS: Final = frozenset({"strong", "b", "em", "span", "dt", "label", "th", "font"})
#: Tags of a credit printed apart from the text's paragraphs ("<td><font>作者： X</font>").
_CREDIT_TAGS: Final = _LABEL_TAGS | {"td", "dd", "small"}
_PARAGRAPH_TAGS: Final = ("p", "blockquote", "li")
#: Elements looked at for a labelled credit, in page order.
MAX_LABELLED_ELEMENTS: Final = 5000


@cache
def _credit_label_re() -> re.Pattern[str]:
    """A byline prefix as a label: the prefix and a colon ("Autor:", "作者：")."""
    return re.compile(rf"^\s*(?:{_bounded(phrases('byline.prefixes'))})\s*[:：]\s*", re.IGNORECASE)


def labelled_credits(tree: _Element, site_name: str | None) -> list[str]:
    """The people of the page's first labelled credit outside menus, sidebars and comments,
    for pages whose byline has no markup and sits apart from the text (after the article,
    in a table cell): a byline prefix with a colon, then the name in the same text
    ("作者： 记者王敬照"), or a label element alone ("<strong>Autor:</strong>") followed by a
    link to the person's page. Read only when the page names nobody otherwise.

    Args:
        tree: The parsed page.
        site_name: The publisher's name (never a person).

    Returns:
        The people of the first such credit whose every name passes the name tests.
    """
    vocab = vocabulary()
    pattern = _credit_label_re()
    # only the tags a label or a credit apart from the paragraphs is printed in
    for index, element in enumerate(tree.iter(*_CREDIT_TAGS)):
        if index >= MAX_LABELLED_ELEMENTS:
            break
        text = element.text
        if not text or ("：" not in text and ":" not in text) or len(text) > MAX_BYLINE_CHARS:
            continue
        if not text.lstrip().casefold().startswith(vocab.prefixes):
            continue
        match = pattern.match(text)
        if match is None or vocab.editor_re.match(text) or vocab.source_re.match(text):
            continue  # an editor's or a source's credit names no author
        rest = " ".join(text[match.end() :].split())
        if rest:
            # the name in the label's own text, and nothing else in the element; a line
            # of the text's paragraphs signs only at its ends (`signature_people`)
            if (
                len(element)
                or len(rest.split()) > MAX_SIGNATURE_WORDS
                or element.tag not in _CREDIT_TAGS
                or any(True for _ in element.iterancestors(*_PARAGRAPH_TAGS))
            ):
                continue
        else:
            # a label element alone, then a link to the person's page
            link = element.getnext()
            if (
                element.tag not in _LABEL_TAGS
                or len(element)
                or (element.tail or "").strip()
                or link is None
                or link.tag != "a"
                or not link.get("href")
            ):
                continue
            rest = " ".join("".join(link.itertext()).split())
        if not rest or _elsewhere(element):
            continue
        found = credits([rest], site_name)
        if found.people and not found.organizations and not found.dropped:
            return found.people
    return []


#: Block tags: an element holding one is not one line of a footer.
_BLOCK_TAGS: Final = frozenset(
    {"div", "p", "ul", "ol", "li", "table", "tr", "section", "article", "footer", "header"}
)
#: Ancestors of the headline whose child a post's footer may be.
FOOTER_LEVELS: Final = 3


def footer_credits(
    tree: _Element, headline: _Element | None, site_name: str | None, *, now: datetime
) -> list[str]:
    """The person of a post's footer line "Name | date" ("Malte Welding | 29.07.2006 um
    14:26"): a footer in the headline's own container (a blog post's "entry-footer",
    not the page's footer), outside comments and sidebars; one line of it that is a name,
    a separator and a date. Read only when the page names nobody otherwise.
    """
    from cleaning.metadata.dates import text_date

    if headline is None:
        return []
    containers: list[_Element] = []
    for ancestor in headline.iterancestors():
        if ancestor.tag in ("body", "html") or len(containers) == FOOTER_LEVELS:
            break
        containers.append(ancestor)
    if not containers:
        return []
    # a child of one of those containers: no search of the whole page
    footers = [
        child
        for container in containers
        for child in container
        if child.tag == "footer" or "footer" in (child.get("class") or "")
    ]
    for footer in footers:
        if _elsewhere(footer):
            continue
        for element in footer.iter():
            if not isinstance(element.tag, str) or element.tag in _NO_TEXT:
                continue
            if any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in element):
                continue
            line = " ".join("".join(element.itertext()).split())
            if not line or len(line) > MAX_PRINTED_BYLINE_CHARS:
                continue
            segments = [s.strip() for s in _DATELINE_SEPARATOR_RE.split(line) if s.strip()]
            if len(segments) != 2 or text_date(segments[1], now=now) is None:
                continue
            found = credits([segments[0]], site_name)
            if len(found.people) == 1 and not found.organizations and not found.dropped:
                return found.people
    return []
