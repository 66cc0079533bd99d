"""Imports every models module so that Base.metadata knows all tables. Each feature adds its line."""

from openlic_desktop.storage import (
    models,  # noqa: F401
    models_declarations,  # noqa: F401
    models_licensing,  # noqa: F401
    models_packages,  # noqa: F401
    models_pricing,  # noqa: F401
    models_readiness,  # noqa: F401
)
