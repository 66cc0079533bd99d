"""Alembic environment: always given a live connection by storage.engine (no alembic.ini, no URL here)."""

from alembic import context

from openlic_desktop.storage import all_models  # noqa: F401  (registers every table)
from openlic_desktop.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
