"""Project commands for ``scrapy``; ``crawl`` here checks arguments and the store first."""
