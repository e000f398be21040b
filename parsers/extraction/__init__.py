"""Extracting facts from an article's text: places and organisations, pairings, money, funding
and who gives it to whom, the official lists and a confidence on every item. Pure; never imports
reading."""
