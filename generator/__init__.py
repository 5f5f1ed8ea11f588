"""Synthetic scenarios of any size (``generate.generate``), built from the posts, profiles,
names, courses and settings that the built-in Bình Gia scenario was calibrated with."""
