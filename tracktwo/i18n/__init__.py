"""Languages other than English: the Burmese edition's catalogs and the Myanmar font's checks."""
