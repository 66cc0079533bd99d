"""The dashboard wing: the portfolio at a glance (dashboard_view), its charts (charts) and its figures as rows
(figures)."""
