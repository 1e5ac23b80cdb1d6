"""Article metadata, by concern.

- `cleaning.metadata.jsonld`: the JSON-LD article node, its authors and publisher;
- `cleaning.metadata.metatags`: one pass over the page's meta tags (``METANAME_*`` keys);
- `cleaning.metadata.dates`: timestamps, datelines in every language, the publisher's zone;
- `cleaning.metadata.people`: bylines split into people and organisations;
- `cleaning.metadata.fields`: text fields decoded (entities, tags, invisible characters);
- `cleaning.metadata.builder`: the fields of an `Article`, sources reconciled;
- `cleaning.metadata.zones`: each site's usual time zone, learned within a crawl.

Language data (byline words, month names, agencies) lives in the phrase tables
(``[byline]``, ``[dates]``, ``[people]``, ``[organizations]`` of ``cleaning/phrases/``).
"""

from __future__ import annotations

from cleaning.metadata.builder import (
    ArticleMeta,
    build_metadata,
    choose_people,
    dedupe,
    http_url,
    language_code,
    strip_site_affix,
)
from cleaning.metadata.dates import (
    body_start_date,
    dateline_date,
    first_publication,
    headline_date,
    in_local_time,
    parse_datetime,
    printed_offset,
    publisher_offset,
    reconcile_dates,
    text_date,
)
from cleaning.metadata.fields import clean_field
from cleaning.metadata.jsonld import ARTICLE_TYPES, LISTING_TYPES, jsonld_credits
from cleaning.metadata.metatags import PageMeta, read_page_meta
from cleaning.metadata.people import (
    Credits,
    byline_candidates,
    credits,
    is_person_name,
    organization_name,
    people,
    prefixed_bylines,
    signature_people,
    split_names,
)

__all__ = [
    "ARTICLE_TYPES",
    "LISTING_TYPES",
    "ArticleMeta",
    "Credits",
    "PageMeta",
    "body_start_date",
    "build_metadata",
    "byline_candidates",
    "choose_people",
    "clean_field",
    "credits",
    "dateline_date",
    "dedupe",
    "first_publication",
    "headline_date",
    "http_url",
    "in_local_time",
    "is_person_name",
    "jsonld_credits",
    "language_code",
    "organization_name",
    "parse_datetime",
    "people",
    "prefixed_bylines",
    "printed_offset",
    "publisher_offset",
    "read_page_meta",
    "reconcile_dates",
    "signature_people",
    "split_names",
    "strip_site_affix",
    "text_date",
]
