"""The site's own date and number formats (`FORMAT_MODULE_PATH`), where Django's differ from what
the site declares: English is British English (`og:locale` en_GB)."""
