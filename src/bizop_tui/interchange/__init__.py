"""Other tools' model formats, read into bizop's format v1. Imports nothing from Textual."""
