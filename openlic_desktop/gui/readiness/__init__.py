"""Readiness in the main window: batch confirm/sign-off actions, the readiness column, the staff list."""
