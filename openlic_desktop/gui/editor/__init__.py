"""The patent editor and the tabs other wings register in it."""
