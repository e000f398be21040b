"""Reading a page: bytes to an article's title, date, authors and clean text (decode, DOM and
main text, tables, dates, bylines, site rules, normalisation). Pure; never imports extraction."""
