"""Reports and dashboards: evaluation reports, training needs and effectiveness, unit dashboards, exports."""
