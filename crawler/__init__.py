"""The crawler: Scrapy spiders discover and fetch pages, pipelines clean and store them."""
