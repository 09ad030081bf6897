MESSAGES = {
    "typer.ARGUMENTS_PANEL_TITLE": {"en": "Arguments", "zh": "参数"},
    "typer.OPTIONS_PANEL_TITLE": {"en": "Options", "zh": "选项"},
    "typer.COMMANDS_PANEL_TITLE": {"en": "Commands", "zh": "命令"},
    "typer.ERRORS_PANEL_TITLE": {"en": "Error", "zh": "错误"},
    "typer.ABORTED_TEXT": {"en": "Aborted.", "zh": "已取消。"},
    "typer.DEFAULT_STRING": {"en": "[default: {}]", "zh": "[默认：{}]"},
    "typer.REQUIRED_LONG_STRING": {"en": "[required]", "zh": "[必填]"},
    "typer.USAGE": {"en": "Usage: ", "zh": "用法："},
}
