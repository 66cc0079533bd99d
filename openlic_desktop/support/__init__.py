"""Leaf utilities: paths, settings, logging, errors and the message catalogue. Imports nothing else of ours."""
