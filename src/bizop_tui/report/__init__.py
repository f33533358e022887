"""Renderers of a model's alignment for people and programs: terminal, markdown, json."""
