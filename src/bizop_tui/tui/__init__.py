"""The Textual app: a thin shell over the model, the engine and the document."""
