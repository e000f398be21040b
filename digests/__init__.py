"""Digests out: rendering (Markdown, HTML, JSON, Atom) and e-mail delivery. Knows the store's items
but not Prefect."""
