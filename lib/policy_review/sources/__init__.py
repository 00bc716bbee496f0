"""Sources as published: the files researchers saved (web pages, their text, PDF, Word and WPS
files) turned into texts of record with their provenance, by ``policy-review import``."""
