"""Pricing: the editor's pricing tab and batch pricing for a selection."""
