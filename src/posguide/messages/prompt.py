MESSAGES = {
    "prompt.yes_no": {"en": "Please answer y (yes) or n (no).", "zh": "请回答 y（是）或 n（否）。"},
    "prompt.required": {"en": "This one is required.", "zh": "此项必填。"},
    "prompt.keep_anyway": {"en": "Keep this value anyway?", "zh": "仍然使用这个值吗？"},
}
