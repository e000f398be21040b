"""The extraction rules as data: every Chinese word and regex they use."""
