"""Open-licence contracts from Word templates, one module per job:

- `sandbox` — the only Jinja environment a template ever sees (no internals, no file access, bounded work).
- `context` — the template fields (FIELDS) built from plain values: patents, parties, pricing terms.
- `render` — template files, rendering one contract (docxtpl) or a batch (a template prepared once), stamping.
- `check` — what is wrong with a template before it is used, and a preview with sample data.
- `pdf` — optional PDF through LibreOffice when it is on PATH.

Thread rule: everything here is pure file work on values; a `render.PreparedTemplate` is not shared between threads.
"""
