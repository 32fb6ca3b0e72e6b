"""Periodize domain: pure Python, imports neither streamlit nor the database layer."""
