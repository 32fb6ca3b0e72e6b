"""Mesocycle generators: the offline rule engine (default) and the OpenAI drafter."""
