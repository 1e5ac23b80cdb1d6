"""The article's language: the declared one, unless the text clearly says otherwise.

Templates copied from an English theme keep ``<html lang="en">`` (an isiZulu article
declared ``en-GB``), so the text decides when it plainly contradicts the declaration. The
detector is py3langid (langid.py's naive Bayes model over byte n-grams, 97 languages,
shipped inside the wheel; numpy only): well under 1 ms for the 400 characters read here, no
download at run time (see ``docs/metadata.md`` for the comparison). A small stop-word
guess stays as the fallback when py3langid is not installed.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import Any, Final


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Frequent function words per language: short, distinctive, and common in news prose.
STOP_WORDS: dict[str, frozenset[str]] = {
    "en": _words("the and of to in is that for with was on are as by his have from this be"),
    "de": _words("der die und das ist nicht mit den dem sich auch ein eine auf für wird von"),
    "fr": _words("le la les et des est une pour dans que qui pas sur au du avec sont il"),
    "es": _words("el la los las y del que en por una para con se es lo como más pero"),
    "pt": _words("o os as e do da dos das que em um uma para com não se é por mais"),
    "it": _words("il di che è la le gli per una del della con non sono nel alla anche"),
    "nl": _words("de het een en van is dat op te zijn niet met voor die ook aan worden"),
    "pl": _words("i w na się z że do nie jest to o jak przez od po za dla"),
    "ru": _words("и в не на что с по это как из о к за от он так но"),
    "tr": _words("ve bir bu da de için ile olarak çok daha olan gibi ancak sonra"),
}

#: Fewest stop-word hits before any guess is made.
MIN_HITS = 12
#: The best language must have at least this many times the hits of the runner-up.
MIN_MARGIN = 2.0
#: Words read from the start of the text (enough for a stable guess, cheap).
MAX_WORDS = 400

_WORD_RE = re.compile(r"\w+")


def guess_language(text: str) -> str | None:
    """Guess the ISO 639-1 code of ``text`` from stop words.

    Args:
        text: Article text.

    Returns:
        The code, or None when the text is short or no language clearly wins.
    """
    words = [w.casefold() for w in _WORD_RE.findall(text[: MAX_WORDS * 8])][:MAX_WORDS]
    counts = Counter(words)
    hits = {lang: sum(counts[w] for w in stops) for lang, stops in STOP_WORDS.items()}
    ranked = sorted(hits.items(), key=lambda item: (-item[1], item[0]))
    (best, best_hits), (_, second_hits) = ranked[0], ranked[1]
    if best_hits < MIN_HITS or best_hits < MIN_MARGIN * second_hits:
        return None
    return best


#: Characters of the text the detector reads: its cost grows with them.
SAMPLE_CHARS: Final = 400
#: Shortest text (UTF-8 bytes: 200 Latin letters, 70 Han characters) whose detected
#: language may overrule a declared one.
MIN_OVERRULE_BYTES: Final = 200
#: The detector overrules a declaration when it gives the declared language less than
#: this probability and its own answer at least `MIN_CONFIDENCE` (normalised).
MAX_DECLARED_PROBABILITY: Final = 1e-6
MIN_CONFIDENCE: Final = 0.5
#: Confidence needed to name the language of a page that declares none.
MIN_CONFIDENCE_UNDECLARED: Final = 0.8
#: Languages the detector confuses with each other: a "contradiction" within one group is
#: not one (Norwegian written as Danish, Bosnian as Croatian, Malay as Indonesian...).
CLOSE_LANGUAGES: Final = (
    frozenset({"no", "nb", "nn", "da", "sv"}),
    frozenset({"hr", "bs", "sr", "sl"}),
    frozenset({"id", "ms", "jv"}),
    frozenset({"cs", "sk"}),
    frozenset({"es", "gl", "ca", "pt", "an", "ast"}),
    frozenset({"ru", "uk", "be", "bg", "mk"}),
    frozenset({"hi", "mr", "ne"}),
    frozenset({"zh", "ja"}),
    frozenset({"fa", "ar", "ur", "ps"}),
    frozenset({"de", "lb", "nl", "af"}),
    frozenset({"fr", "oc", "wa"}),
    frozenset({"it", "la", "co"}),
)
#: Detector codes written differently from the ISO 639-1 codes pages declare.
_CODE_ALIASES: Final = {"nb": "no"}


@cache
def _identifier() -> Any | None:
    """py3langid's identifier with normalised probabilities, loaded once per process."""
    try:
        from py3langid import langid
    except ImportError:  # pragma: no cover - optional at run time; stop words then
        return None
    return langid.LanguageIdentifier.from_modelpath(
        langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True
    )


def detect_language(text: str) -> tuple[str, float, dict[str, float]] | None:
    """The detector's language of the start of ``text``, its probability, and every
    language's probability (normalised to sum to 1).

    Args:
        text: Article text.

    Returns:
        ``(code, probability, probabilities)``, or None without the detector or without
        letters.
    """
    identifier = _identifier()
    sample = text[:SAMPLE_CHARS]
    if identifier is None or not any(c.isalpha() for c in sample):
        return None
    ranked = identifier.rank(sample)
    probabilities = {_CODE_ALIASES.get(str(c), str(c)): float(p) for c, p in ranked}
    code, probability = ranked[0]
    return _CODE_ALIASES.get(str(code), str(code)), float(probability), probabilities


#: Share of the first words that must be the declared language's stop words for the
#: declaration to stand without running the detector.
MIN_STOP_WORD_SHARE: Final = 0.12
#: Words read for that test.
GATE_WORDS: Final = 120
#: Languages written in a script of their own (or of a close group), by Unicode ranges.
SCRIPTS: Final[dict[str, tuple[tuple[int, int], ...]]] = {
    "ru": ((0x0400, 0x04FF),),
    "uk": ((0x0400, 0x04FF),),
    "bg": ((0x0400, 0x04FF),),
    "el": ((0x0370, 0x03FF),),
    "ar": ((0x0600, 0x06FF),),
    "fa": ((0x0600, 0x06FF),),
    "he": ((0x0590, 0x05FF),),
    "hi": ((0x0900, 0x097F),),
    "th": ((0x0E00, 0x0E7F),),
    "ko": ((0xAC00, 0xD7AF),),
    "ja": ((0x3040, 0x30FF), (0x4E00, 0x9FFF)),
    "zh": ((0x4E00, 0x9FFF),),
}
#: Share of the sample's letters that must be in the declared language's script.
MIN_SCRIPT_SHARE: Final = 0.5

#: A letter, and a letter of each script of `SCRIPTS`: counted by the regex engine rather
#: than by a Python loop over the sample's characters.
_LETTER_RE: Final = re.compile(r"[^\W\d_]")
_SCRIPT_RES: Final = {
    lang: re.compile(
        r"(?=[^\W\d_])[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in ranges) + "]"
    )
    for lang, ranges in SCRIPTS.items()
}


def _plainly(declared: str, text: str) -> bool:
    """Whether the text is plainly in the declared language: a cheap test (stop words,
    or the script) that spares the detector on most pages."""
    script = _SCRIPT_RES.get(declared)
    if script is not None:
        sample = text[:SAMPLE_CHARS]
        letters = len(_LETTER_RE.findall(sample))
        inside = len(script.findall(sample))
        return bool(letters) and inside >= MIN_SCRIPT_SHARE * letters
    stops = STOP_WORDS.get(declared)
    if stops is None:
        return False
    words = [w.casefold() for w in _WORD_RE.findall(text[: GATE_WORDS * 8])][:GATE_WORDS]
    return bool(words) and sum(w in stops for w in words) >= MIN_STOP_WORD_SHARE * len(words)


def _too_short(text: str) -> bool:
    """Whether the text is too short for the detector to overrule a declaration, so that
    the detector need not run (titles and descriptions mostly are)."""
    return (
        len(text) < MIN_OVERRULE_BYTES
        and len(text.encode()) < MIN_OVERRULE_BYTES
        and _identifier() is not None  # the stop-word fallback may still overrule
    )


def _close(a: str, b: str) -> bool:
    return a == b or any(a in group and b in group for group in CLOSE_LANGUAGES)


def decide_language(declared: str | None, text: str) -> str | None:
    """The declared language unless the text plainly is in another one.

    Args:
        declared: The page's declared ISO 639-1 code (``<html lang>``, JSON-LD, meta).
        text: The article text.

    Returns:
        The declared code; the detected one when the page declares none (and the
        detector is sure enough), or when, on at least `MIN_OVERRULE_BYTES` bytes of
        text, the detector gives the declared language almost no chance
        (`MAX_DECLARED_PROBABILITY`) and names one not close to it.
    """
    if declared is not None and (_too_short(text) or _plainly(declared, text)):
        return declared
    found = detect_language(text)
    if found is None:
        guessed = guess_language(text)
        if declared is None or (guessed and guessed != declared and declared in STOP_WORDS):
            return guessed or declared
        return declared
    code, confidence, probabilities = found
    if declared is None:
        return code if confidence >= MIN_CONFIDENCE_UNDECLARED else guess_language(text)
    if _close(code, declared):
        return declared
    # "clearly contradicts": the declared language is all but impossible for the text
    if (
        probabilities.get(declared, 0.0) < MAX_DECLARED_PROBABILITY
        and confidence >= MIN_CONFIDENCE
        and len(text.encode()) >= MIN_OVERRULE_BYTES
    ):
        return code
    return declared
