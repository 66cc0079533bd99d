"""Batch steps in the GUI: evidence from a folder, consents by co-owner, bureau profiles, what is left for a batch."""
