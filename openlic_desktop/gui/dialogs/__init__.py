"""Windows around the portfolio: welcome and first start, office details, backups."""
