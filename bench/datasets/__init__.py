"""Evaluation sets the project builds itself (see README.md)."""
