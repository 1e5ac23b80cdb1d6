"""The pages and feeds the fault server serves: good articles and every kind of bad input."""

from __future__ import annotations

import gzip
import html

from tests.reliability.faultserver import Fault, FaultServer, gzip_bomb

MB = 1024 * 1024
# The crawl's DOWNLOAD_MAXSIZE in these tests (the project default is 8 MB).
MAXSIZE = 2 * MB


def article(title: str, paragraphs: list[str], head: str = "") -> str:
    """A plain article page: a headline and its paragraphs (already HTML-escaped)."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head>{head}<title>{title}</title></head><body>"
        f"<header><nav><a href='/'>Home</a></nav></header>"
        f"<article><h1>{title}</h1>\n{body}\n</article></body></html>"
    )


GOOD = {
    "/good/1": article(
        "Harbour ferry timetable changes in spring",
        [
            "The harbour authority announced on Monday that the ferry timetable will change in spring.",
            "Morning crossings will start half an hour earlier to serve commuters from the islands.",
            "Evening services remain unchanged, while weekend trips are extended until late October.",
            "The authority said ticket prices stay the same for residents and students this year.",
        ],
    ),
    "/good/2": article(
        "Library opens a new reading room for children",
        [
            "The central library opened a reading room for children on the ground floor this week.",
            "The room holds more than four thousand picture books and a corner for reading aloud.",
            "Volunteers will run storytelling hours on Wednesday afternoons and Saturday mornings.",
            "Librarians hope the space will bring more families to the library during the winter.",
        ],
    ),
    "/good/3": article(
        "Farmers market moves to the old railway station",
        [
            "The weekly farmers market moves to the square in front of the old railway station.",
            "Traders said the new site offers more shade in summer and better access for vans.",
            "The market will open every Saturday from seven in the morning until one in the afternoon.",
            "The town council expects around sixty stalls once the move is complete next month.",
        ],
    ),
}

# Text that looks like SQL or HTML, or holds odd Unicode: stored and read back unchanged.
ODD_TEXT = [
    "Robert'); DROP TABLE articles;-- said the council spokesperson at the weekly meeting.",
    "The page showed "
    + html.escape("<script>alert(1)</script> and <b>bold</b>")
    + " in plain text to every reader of the story.",
    "Emoji 🦜👩‍👩‍👧, astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, combining e\u0301, quotes ' \" and a backslash \\ "
    "percent %s {0} were all in the original press release.",
    "Residents may comment on the proposal before the end of the month, officials said.",
]
ODD_MUST_CONTAIN = [
    "Robert'); DROP TABLE articles;--",
    "<script>alert(1)</script> and <b>bold</b>",
    "🦜",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "percent %s {0}",
]

# Pages in other encodings that declare UTF-8, or nothing; the phrase must read right.
CHARSETS = {
    "/charset/cp1251-says-utf8": (
        "windows-1251",
        "text/html; charset=utf-8",
        "",
        [
            "Городской совет утвердил новый план развития общественного транспорта на пять лет.",
            "По словам депутатов, в первую очередь будут обновлены автобусы и трамвайные линии.",
            "Жители смогут обсудить проект на открытых слушаниях, которые пройдут в мэрии.",
            "Финансирование программы предусмотрено в городском бюджете на следующий год.",
        ],
    ),
    "/charset/shift-jis-undeclared": (
        "shift_jis",
        "text/html",
        "",
        [
            "市議会は来年度から市内の公共交通機関の運賃を引き下げる計画を承認しました。",
            "市長によると、バスと路面電車の運賃は平均で一割ほど安くなる見込みです。",
            "住民説明会は来月、市役所の大会議室で三回にわたって開かれる予定です。",
            "財源は市の一般会計と国からの補助金でまかなわれると説明されています。",
        ],
    ),
    "/charset/latin1-meta-utf8": (
        "iso-8859-1",
        "text/html",
        '<meta charset="utf-8">',
        [
            "La mairie a présenté jeudi un projet de rénovation de la place du marché à Genève.",
            "Les travaux débuteront à l'été et dureront près de dix-huit mois, a précisé l'élu.",
            "Les commerçants craignent une baisse de fréquentation pendant le chantier prévu.",
            "Une réunion publique aura lieu à la salle des fêtes le mois prochain à dix-neuf heures.",
        ],
    ),
    "/charset/gb18030-undeclared": (
        "gb18030",
        "text/html",
        "",
        [
            "市政府周一宣布，将在明年春季开通连接机场和火车站的新地铁线路。",
            "新线路全长二十三公里，共设十五座车站，预计每天运送乘客超过二十万人次。",
            "市民可以在下个月举行的听证会上就票价和运营时间发表意见和建议。",
            "项目资金主要来自市级财政预算，另有部分来自国家专项补助资金。",
        ],
    ),
}

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 8
PDF = (
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 8
)
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 8


def sitemap(urls: list[str]) -> bytes:
    entries = "".join(f"<url><loc>{html.escape(u)}</loc></url>" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
    ).encode()


def rss(urls: list[str]) -> bytes:
    items = "".join(f"<item><title>x</title><link>{html.escape(u)}</link></item>" for u in urls)
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
    ).encode()


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)
XXE = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
BAD_SCHEMES = [
    "file:///etc/passwd",
    "ftp://127.0.0.1/pub/story.html",
    "javascript:alert(document.cookie)",
    "data:text/html,<h1>hi</h1>",
]


def install(server: FaultServer) -> dict[str, str]:
    """Register every page on ``server``; return the article URLs for the urls_file."""
    base = server.base_url
    urls: dict[str, str] = {}
    server.add(
        "/robots.txt",
        body=b"User-agent: *\nDisallow: /private/\n",
        headers={"Content-Type": "text/plain"},
    )
    for path, page in GOOD.items():
        server.add(path, body=page.encode())
    urls["/good/1"] = base + "/good/1"
    urls["/good/2"] = base + "/good/2"  # /good/3 comes from the gzip-compressed sitemap
    urls["/odd"] = server.add("/odd", body=article("Odd text survives", ODD_TEXT).encode())

    # -- bad input ------------------------------------------------------------------------
    urls["/malformed"] = server.add(
        "/malformed",
        body=(
            "<html><head><title>Broken markup</title><body><div><article><h1>Broken markup</h1><p>"
            + "</b></i><p>".join(GOOD["/good/3"].split("<p>")[1:])
            + "<table><tr><td><p>Unclosed cells and tags everywhere in this page"
        )
        .replace("Farmers", "Fishermen")
        .encode(),
    )
    urls["/empty"] = server.add("/empty", body=b"")
    urls["/nested"] = server.add(
        "/nested",
        body=(
            "<html><body>" + "<div>" * 10_000 + "deep" + "</div>" * 10_000 + "</body></html>"
        ).encode(),
    )
    urls["/long-line"] = server.add(
        "/long-line", body=b"<html><body><p>" + b"a" * (10 * MB) + b"</p>"
    )
    urls["/controls"] = server.add(
        "/controls",
        body=article(
            "Control characters\x00 inside",
            [
                "The water board\x00 said on Tuesday\x01\x02 that the reservoir is full again after rain.",
                "Engineers\x07 checked the dam\x1b[31m and found no damage\x0b after the storm last week.",
                "Residents\x00\x00 may use garden hoses again from the first day of next month on.",
                "The board thanked everyone\x7f for saving water during the long dry summer months.",
            ],
        ).encode(),
    )
    for path, (encoding, content_type, head, paragraphs) in CHARSETS.items():
        title = f"{encoding} page"
        urls[path] = server.add(
            path,
            body=article(title, paragraphs, head).encode(encoding),
            headers={"Content-Type": content_type},
        )
    urls["/binary/png"] = server.add("/binary/png", body=PNG)
    urls["/binary/pdf"] = server.add("/binary/pdf", body=PDF)
    urls["/binary/zip"] = server.add("/binary/zip", body=ZIP)
    urls["/json"] = server.add(
        "/json", body=b'{"a": 1}', headers={"Content-Type": "application/json"}
    )
    urls["/huge-stream"] = server.add("/huge-stream", stream=MAXSIZE + MB)
    urls["/gzip-bomb"] = server.add(
        "/gzip-bomb", body=gzip_bomb(64 * MB), headers={"Content-Encoding": "gzip"}
    )

    # -- faulty server --------------------------------------------------------------------
    urls["/status/500"] = server.add("/status/500", status=500, body=b"oops")
    urls["/status/503"] = server.add(
        "/status/503", status=503, body=b"busy", headers={"Retry-After": "1"}
    )
    urls["/status/404"] = server.add("/status/404", status=404, body=b"gone")
    urls["/status/410"] = server.add("/status/410", status=410, body=b"gone for good")
    urls["/timeout"] = server.add("/timeout", sleep=5.5, body=GOOD["/good/1"].encode())
    urls["/reset"] = server.add("/reset", body=GOOD["/good/1"].encode() * 4, reset_after=200)
    body = GOOD["/good/2"].encode()
    urls["/truncated"] = server.add("/truncated", body=body, content_length=len(body) + 5000)
    server.add("/redirect/loop-a", status=302, headers={"Location": "/redirect/loop-b"})
    server.add("/redirect/loop-b", status=302, headers={"Location": "/redirect/loop-a"})
    urls["/redirect/loop-a"] = base + "/redirect/loop-a"
    for i in range(30):
        server.add(
            f"/redirect/chain/{i}", status=301, headers={"Location": f"/redirect/chain/{i + 1}"}
        )
    server.add("/redirect/chain/30", body=GOOD["/good/1"].encode())
    urls["/redirect/chain/0"] = base + "/redirect/chain/0"

    # -- security -------------------------------------------------------------------------
    urls["/private/secret"] = server.add("/private/secret", body=GOOD["/good/1"].encode())
    # Another host name for the same server: outside the allowed domains.
    offsite = f"http://localhost:{server.port}/offsite"
    server.add("/offsite", body=GOOD["/good/1"].encode())

    # -- sitemaps and feeds ---------------------------------------------------------------
    server.add(
        "/sitemap-good.xml.gz",
        body=gzip.compress(sitemap([base + "/good/3"])),
        headers={"Content-Type": "application/x-gzip"},
    )
    server.add(
        "/sitemap-malformed.xml",
        body=b"<?xml version='1.0'?><urlset><url><loc>",
        headers={"Content-Type": "application/xml"},
    )
    server.add(
        "/sitemap-self.xml",
        body=(
            '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{base}/sitemap-self.xml</loc></sitemap></sitemapindex>"
        ).encode(),
        headers={"Content-Type": "application/xml"},
    )
    server.add(
        "/sitemap-huge.xml", stream=MAXSIZE + MB, headers={"Content-Type": "application/xml"}
    )
    server.add(
        "/sitemap-bad-urls.xml",
        body=sitemap([*BAD_SCHEMES, offsite]),
        headers={"Content-Type": "application/xml"},
    )
    server.add(
        "/sitemap-laughs.xml",
        body=(
            LAUGHS + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
            f"<loc>{base}/laughs/&lol9;</loc></url></urlset>"
        ).encode(),
        headers={"Content-Type": "application/xml"},
    )
    server.add(
        "/sitemap-xxe.xml",
        body=(
            XXE + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
            f"<loc>{base}/xxe/&xxe;</loc></url></urlset>"
        ).encode(),
        headers={"Content-Type": "application/xml"},
    )
    server.add(
        "/feed-malformed.xml",
        body=b"<rss><channel><item><link>",
        headers={"Content-Type": "application/rss+xml"},
    )
    server.add(
        "/feed-bad-urls.xml",
        body=rss([*BAD_SCHEMES, offsite]),
        headers={"Content-Type": "application/rss+xml"},
    )
    server.add(
        "/feed-laughs.xml",
        body=(
            LAUGHS + f'<rss version="2.0"><channel><item><link>{base}/laughs/&lol9;</link>'
            "</item></channel></rss>"
        ).encode(),
        headers={"Content-Type": "application/rss+xml"},
    )
    server.add(
        "/feed-xxe.xml",
        body=(
            XXE + f'<rss version="2.0"><channel><item><link>{base}/xxe/&xxe;</link>'
            "</item></channel></rss>"
        ).encode(),
        headers={"Content-Type": "application/rss+xml"},
    )
    return urls


SITEMAPS = [
    "/sitemap-good.xml.gz",
    "/sitemap-malformed.xml",
    "/sitemap-self.xml",
    "/sitemap-huge.xml",
    "/sitemap-bad-urls.xml",
    "/sitemap-laughs.xml",
    "/sitemap-xxe.xml",
]
FEEDS = ["/feed-malformed.xml", "/feed-bad-urls.xml", "/feed-laughs.xml", "/feed-xxe.xml"]

_ = Fault  # re-exported for tests that add their own faults
