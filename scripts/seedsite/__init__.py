"""seedsite: turn a folder of scraped article seeds into Markdown pages for an MkDocs site."""

__version__ = "0.1.0"
