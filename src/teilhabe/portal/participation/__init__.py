"""Portal pages of participation: one URL module per subject, each filled by its own views module."""
