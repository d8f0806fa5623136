"""Report pages: evaluation reports, dashboards, training needs and effectiveness."""
