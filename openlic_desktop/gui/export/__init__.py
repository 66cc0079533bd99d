"""Packages for the bureau: the export wizard, submission batches and the outgoing mail server."""
