"""Contracts, licensees, licences reached and deadlines."""
