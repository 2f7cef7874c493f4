"""English as the site writes it: British English, the language `og:locale` declares (en_GB).

Django's "en" formats are American ("March 1, 2026"); these are the British ones ("1 March
2026"). Numbers stay as in both: 1,249.00.
"""

DATE_FORMAT = "j F Y"  # 1 March 2026
TIME_FORMAT = "H:i"  # 14:30
DATETIME_FORMAT = "j F Y, H:i"  # 1 March 2026, 14:30
YEAR_MONTH_FORMAT = "F Y"  # March 2026
MONTH_DAY_FORMAT = "j F"  # 1 March
SHORT_DATE_FORMAT = "d/m/Y"  # 01/03/2026
SHORT_DATETIME_FORMAT = "d/m/Y H:i"  # 01/03/2026 14:30
FIRST_DAY_OF_WEEK = 1  # Monday

# ISO first (what date inputs show), then the British day/month order; never month/day.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%y %H:%M",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
