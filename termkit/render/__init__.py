"""Rendering results for people (rich on a terminal, plain text in pipes) and for programs (JSON)."""
