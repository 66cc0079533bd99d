"""Table models over plain values from the services: the portfolio, licensing and package lists."""
