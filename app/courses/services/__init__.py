"""Course use cases: catalog, classes, enrolment, bulk assignment, materials, learning, rosters.

Import from the modules (`app.courses.services.enrollment` …); completion lives in
`app.courses.completion` because other packages build on it.
"""
