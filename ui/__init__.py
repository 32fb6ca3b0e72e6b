"""Everything that knows Streamlit or shapes a screen: shell, sign-in, caches, figures, views, grids."""
