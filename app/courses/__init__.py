"""Courses: the catalog, classes (angkatan), enrollment, materials, progress and completion."""
