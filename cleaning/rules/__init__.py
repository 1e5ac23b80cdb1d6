"""Line rules: a registry of named rules for the boilerplate that survives trafilatura.

One module per kind of boilerplate, each holding its patterns *and* its predicate:

- `labels`: whole-line widget and ad labels, section labels, breadcrumb trails;
- `promo`: "Read also: ..." promos, sister-site promos, headings over teaser blocks;
- `chrome`: share/follow/subscribe appeals, sign-up and paywall chrome, copyright;
- `credits`: image and caption credits, category/tag/source lines, wire signatures;
- `bylines`: bylines, date lines, reading times, datelines;
- `teasers`: other stories' headlines, teaser-link runs, repeated widgets;
- `title`: the headline repeated at the top;
- `evidence`: what needs no phrase of the page's language (the page's links, brand
  names, language names, a label's echo next to it).

`registry.SINGLE_LINE_RULES` lists the single-line rules in the order they are tried;
`cleaning.clean` runs them and the whole-text passes. Language data comes from the
``[cleaning]`` table of `cleaning/phrases/<lang>.toml`; `phrasematch` derives the
regexes and trigger sets from it. No rule mentions a publisher: a rule that only fits
one site belongs in that site's entry of the user's site-rules file.

Bump `CLEANER_VERSION` whenever what is stored for a page would change (text, title
or metadata), so ``scrapy reclean`` and downstream readers can tell.
"""

from __future__ import annotations

from typing import Final

from cleaning.rules.names import RULE_AD_LABEL as RULE_AD_LABEL
from cleaning.rules.names import RULE_BREADCRUMB as RULE_BREADCRUMB
from cleaning.rules.names import RULE_BYLINE as RULE_BYLINE
from cleaning.rules.names import RULE_CHROME as RULE_CHROME
from cleaning.rules.names import RULE_COPYRIGHT as RULE_COPYRIGHT
from cleaning.rules.names import RULE_IMAGE_CREDIT as RULE_IMAGE_CREDIT
from cleaning.rules.names import RULE_LEARNED as RULE_LEARNED
from cleaning.rules.names import RULE_MARKUP_WIDGET as RULE_MARKUP_WIDGET
from cleaning.rules.names import RULE_PROMO as RULE_PROMO
from cleaning.rules.names import RULE_PROMO_HEADING as RULE_PROMO_HEADING
from cleaning.rules.names import RULE_REPEATED as RULE_REPEATED
from cleaning.rules.names import RULE_SECTION as RULE_SECTION
from cleaning.rules.names import RULE_SITE as RULE_SITE
from cleaning.rules.names import RULE_TEASER_LINKS as RULE_TEASER_LINKS
from cleaning.rules.names import RULE_TITLE_REPEAT as RULE_TITLE_REPEAT
from cleaning.rules.names import RULE_WIDGET as RULE_WIDGET

# the shared text helpers, re-exported for older imports ("from cleaning.rules import normalize")
from cleaning.text import TITLE_SEPARATOR_CHARS as TITLE_SEPARATOR_CHARS
from cleaning.text import TITLE_SEPARATORS_RE as TITLE_SEPARATORS_RE
from cleaning.text import WORD_RE as WORD_RE
from cleaning.text import first_word as first_word
from cleaning.text import normalize as normalize
from cleaning.text import word_count as word_count

#: Version of the rules; stored with every article (``Article.cleaner_version``).
#: 2026.1: phrase tables in 25 languages, section labels and breadcrumbs, a headline
#: with a lost space, metadata changes since 2025.2 (byline, dateline, organisations).
#: 2026.2: language-agnostic rules (`evidence`): linked teaser headlines, platform
#: appeals, language menus, menu lines, ad labels with their echo.
#: 2026.3: metadata: signature lines, datelines a few blocks from the headline, editors
#: who are not authors, a headline in <h2> under a navigation <h1>.
#: 2026.4: an article that trafilatura's short-text fallback runs together is split into
#: its blocks again; widgets told by their neighbour in any language (an ad label and its
#: note, a prompt above a language menu, an appeal above a sign-up button); bylines naming
#: every author; pop-ups and modal dialogs left in the tree trafilatura reads.
#: 2026.5: metadata: a byline prefix printed alone, one-word user names (after a prefix,
#: in an hCard), bylines of comments and sidebars ignored, printed bylines the meta tags
#: confirm, the first plain <time>, the byline line's date, disagreeing markup days.
#: 2026.6: in any language: a sign-up box around a text field, a linked headline after a
#: list number or bullet, the label over removed teaser links, a labelled line of the
#: page's tags, a count linking to a part of the page, a table row of menu entries with a
#: date or a "Share:" label, the declared section atop the story, short lines between the
#: header's headline and its copy, ad labels in <font>; Cyrillic platform names missing
#: from the ru/uk tables.
#: 2026.7: metadata: a labelled credit apart from the text ("作者： X", a label element and
#: a link to the person's page), a parenthesised credit closing a line ("（评论员 X Y）"),
#: a post footer's "Name | date" line in the headline's container.
#: 2026.8: text in NFC with its zero-width joiners kept; the article's lead put back when
#: trafilatura leaves it out and the template marks it; trafilatura read again with
#: favor_recall when its text is a small part of the marked-up article; byline and date
#: lines from the phrase tables (labels, months and weekdays of every language, reading
#: times, desks and roles); separator lines; platform names and the word for a video in
#: other scripts; an appeal opening with the page's sign-up button; one-cell table rows and
#: Khmer/Myanmar words; the colons of every script; a label and its echo need no digit and
#: a short label; a dateline span inside the lead paragraph; metadata: the day of a
#: first-publication note, a date above the first paragraph, hAtom dates, no UTC offset
#: read from a timestamp's "+00:00", institution words no person, a byline's unknown
#: one-word label, an organisation typed in JSON-LD that the byline prints.
CLEANER_VERSION: Final = "2026.8"
