"""Shop API: orders, media and reports."""
