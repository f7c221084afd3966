"""The desktop application (Qt widgets); a thin layer over the core."""
