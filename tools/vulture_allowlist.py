"""Names that code vulture cannot see uses: pydantic (validators, fields, model_config), openpyxl
(cell and sheet attributes it reads when saving), nbconvert and papermill (their hooks), and the
package's Python API that researchers call from JupyterLab (docs/python-api.md)."""

# pydantic
model_config
_file, _sha256, _read_from
_text, _written, _published_after_written, _text_fields
publisher, synthetic, index_number
# openpyxl
quotePrefix, freeze_panes, alignment, creator, created, modified
# nbconvert's exporter, papermill's I/O handler
language_code, listdir, pretty_path
# the Python API (documented for JupyterLab)
plain_headline, ledger_chart, areas_reported
# asked by the tests: what memo keeps, and the vocabularies the code names (checked against the data)
reviews_kept, BY_VOCABULARY
# jieba's tokenizer attribute, set when it shares a loaded dictionary
initialized
# importers register themselves by format when their module is imported (sources/importers/)
OfficeImporter, PageTextImporter, PdfImporter, WebPageImporter
# area classifiers register themselves by name (draft/classifiers/)
TermClassifier
# the jieba release draft/jieba_compat.py was written against, read by its test
WRITTEN_FOR
# the cache key of a function cached by the file it reads: its time and size
mtime
# what each third-party workaround was written against: checked by tests/unit/run/test_compat.py
WRITTEN_AGAINST
