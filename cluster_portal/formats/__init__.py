"""One date, time and number format per language (``FORMAT_MODULE_PATH``).

English is written the British way the seeds' English uses ("15 January 2027, 10:00"),
Polish as Polish is ("15 stycznia 2027, 10:00"); both on a 24-hour clock, neither with a
US numeric date (Django's own English formats write "01/15/2027" and "10 a.m.", and read
"05/01/2027" as the 1st of May). Named formats are what templates and code use:
``{{ value|date:"DATE_FORMAT" }}``, ``formats.date_format(value, "DATETIME_FORMAT")``.
"""
