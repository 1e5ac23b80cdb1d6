"""Image credits, caption credits, category/tag/source lines and wire signatures."""

from __future__ import annotations

import re
from typing import Final

from cleaning.lines import Line
from cleaning.rules.phrasematch import literal_alternation
from cleaning.text import word_count

# Category/tag/source/update lines printed around the text ("Category : Press Releases",
# "Kategorie: News", "Tags:", "Letzte Änderung 14.02.2019", "Quelle: Landesregierung");
# table ``meta_labels``.
META_LINE_RE: Final = re.compile(
    rf"^(?:{literal_alternation('cleaning.meta_labels')})\s*:?(?:\s|$)", re.IGNORECASE
)
META_LINE_MAX_WORDS: Final = 10
#: Bare labels that head a tag or category list (table ``meta_headings``).
META_LABEL_RE: Final = re.compile(
    rf"^(?:{literal_alternation('cleaning.meta_headings')})\W*$", re.IGNORECASE
)

# Wire signatures: "aja/PAP", "(dpa)", "jm/AFP".
SIGNATURE_RE: Final = re.compile(
    r"^\(?[\w. ]{0,20}/?\s*(?:pap|dpa|afp|ap|epd|kna|apa|efe|ansa|reuters|sda|ats|ddp|kap)\)?\.?$",
    re.IGNORECASE,
)

# Picture captions that end with their credit: "... in Congress (Foto: N. Pisarenko/Pool)."
# Table ``caption_credit_words``.
CAPTION_CREDIT_RE: Final = re.compile(
    rf"\((?:{literal_alternation('cleaning.caption_credit_words')})\s*:[^)]{{1,80}}\)\.?\s*$",
    re.IGNORECASE,
)
CAPTION_MAX_WORDS: Final = 45

# --- image credits -----------------------------------------------------------------
# Photo credit lines under lead images: "Photo: Reuters", "(Image credit: Getty)",
# "Foto: dpa", "Crédit photo : AFP". Short lines only.
#: Tables ``photo_words`` and ``photo_connectors``.
IMAGE_CREDIT_RE: Final = re.compile(
    rf"^[(\[]?\s*(?:{literal_alternation('cleaning.photo_words')})"
    rf"(?:\s*(?:{literal_alternation('cleaning.photo_connectors')}|:|©|/))[\s\S]*$",
    re.IGNORECASE,
)
IMAGE_AGENCY_RE: Final = re.compile(
    r"(?:getty images|ap photo|afp photo|reuters/|/reuters|shutterstock|istock|imago|"
    r"picture alliance"
    r"|dpa|epa-efe|photo illustration|file photo|©)",
    re.IGNORECASE,
)
IMAGE_CREDIT_MAX_WORDS: Final = 15


#: Longest line (words) that a credit without a credit word can be (an agency name).
AGENCY_CREDIT_MAX_WORDS: Final = 10
#: Longest wire signature (words).
SIGNATURE_MAX_WORDS: Final = 3


def is_image_credit(line: Line) -> bool:
    """A photo credit ("Photo: Reuters", "(Getty Images)") or a caption ending in one."""
    text = line.text
    if (
        line.words <= CAPTION_MAX_WORDS
        and text.rstrip(" .").endswith(")")
        and CAPTION_CREDIT_RE.search(text)
    ):
        return True
    # more than twice the limit in whitespace-separated words: not a credit line (half
    # its words would have to be bare punctuation); shorter lines are counted exactly,
    # and only once a cheaper test has passed
    if line.words > 2 * IMAGE_CREDIT_MAX_WORDS:
        return False
    if IMAGE_CREDIT_RE.match(text):
        return word_count(text) <= IMAGE_CREDIT_MAX_WORDS
    stripped = text.strip()
    bracketed = stripped[:1] in "([" and stripped[-1:] in ")]"
    return (
        (bracketed or not stripped.endswith((".", "!", "?")))
        and word_count(text) <= AGENCY_CREDIT_MAX_WORDS
        and IMAGE_AGENCY_RE.search(text) is not None
    )


def is_meta_line(line: Line) -> bool:
    """ "Category: News", "Tags:", "Quelle: dpa", a wire signature ("aja/PAP")."""
    if line.words > META_LINE_MAX_WORDS:
        return False
    text = line.text
    return bool(
        META_LINE_RE.match(text)
        or META_LABEL_RE.match(text)
        or (
            line.words <= SIGNATURE_MAX_WORDS
            and ("/" in text or "(" in text)
            and SIGNATURE_RE.match(text)
        )
    )
