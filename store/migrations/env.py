"""Alembic environment: runs on the connection the Store hands over (see store/migrate.py).

From the command line (`alembic -c store/alembic.ini ...`) it opens PAIRWATCH_DB_URL instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from store.db import resolve_db_url
from store.models import metadata

config = context.config


def run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    engine = create_engine(resolve_db_url(config.get_main_option("sqlalchemy.url") or None))
    with engine.begin() as conn:
        run(conn)
