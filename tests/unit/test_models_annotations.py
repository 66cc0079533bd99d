"""The models' `Mapped[...]` annotations are evaluated by Python as the classes are made, not kept as text: from
text SQLAlchemy compiles and evaluates each one (~600 in all), a cost paid by every process that imports the
models (storage/models.py says why the model modules do without postponed annotations)."""

from __future__ import annotations

from openlic_desktop.storage import all_models  # noqa: F401  (every table)
from openlic_desktop.storage.models import Base


def test_no_model_annotation_is_text():
    mappers = list(Base.registry.mappers)
    assert len(mappers) > 20
    as_text = [f"{m.class_.__module__}.{m.class_.__name__}.{name}" for m in mappers
               for name, annotation in vars(m.class_).get("__annotations__", {}).items()
               if isinstance(annotation, str)]
    assert as_text == []
