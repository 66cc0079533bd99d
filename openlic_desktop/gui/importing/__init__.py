"""Importing the portfolio: the import wizard and the import history with undo."""
