"""OpenLic Desktop: prepare patent open-licensing submissions. The version below is the project's one source."""

__version__ = "0.1.0"
