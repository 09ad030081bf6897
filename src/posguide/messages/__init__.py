"""The message catalogue, one module an area. Every entry has `en` and `zh`;
tests/test_i18n.py fails when one is missing or their placeholders differ."""
