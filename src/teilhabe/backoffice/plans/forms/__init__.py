"""Back office forms: they check and translate input; the services decide and write."""
