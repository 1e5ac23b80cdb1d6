"""Rule names: the audit trail (``Article.removed``) and the stats use these."""

from __future__ import annotations

from typing import Final

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
RULE_REPEATED: Final = "repeated_line"
RULE_COPYRIGHT: Final = "copyright"
RULE_SECTION: Final = "section_label"
RULE_BREADCRUMB: Final = "breadcrumb"
#: The page's own keywords printed as a line ("stock car 2018, stock car brasil, ...").
RULE_TAG_LIST: Final = "tag_list"
#: A widget taken out of the tree by its markup before trafilatura (`cleaning.structure`);
#: the audit records it as ``markup_widget`` with the widget's text.
RULE_MARKUP_WIDGET: Final = "markup_widget"
