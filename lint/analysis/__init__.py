"""Shared analyses of an article, computed once and reused by every rule."""
