MESSAGES = {
    "fleet.stdin": {
        "en": "standard input",
        "zh": "标准输入",
    },
    "fleet.cannot_read": {
        "en": "Cannot read {path}: {error}.",
        "zh": "无法读取 {path}：{error}。",
    },
    "fleet.no_file": {
        "en": "{path}: there is no such file. Check the file name and the folder it is in.",
        "zh": "找不到文件 {path}。请检查文件名和所在的文件夹。",
    },
    "fleet.read_permission": {
        "en": "Cannot read {path}: permission denied. Check the file's permissions, or copy it somewhere you may read it.",
        "zh": "无法读取 {path}：没有权限。请检查文件的权限，或把它复制到有权限读取的地方。",
    },
    "fleet.not_utf8": {
        "en": "{path} is not UTF-8 text, so nothing was imported. In Excel or WPS use 'Save As' and choose 'CSV UTF-8 (comma delimited)'.",
        "zh": "{path}：不是 UTF-8 编码，未导入任何内容。请在 Excel 或 WPS 中“另存为”，文件类型选“CSV UTF-8（逗号分隔）”。",
    },
    "fleet.empty": {
        "en": "{path} is empty. Its first line names the columns, e.g. name,purchased,serial; `posguide terminal export` writes a file to start from.",
        "zh": "{path}：内容是空的。第一行应为列名，如 name,purchased,serial；可以先用 `posguide terminal export` 导出一个文件作模板。",
    },
    "fleet.no_rows": {
        "en": "{path} has column names but no terminals: nothing was imported.",
        "zh": "{path}：只有列名，没有终端数据，未导入任何内容。",
    },
    "fleet.problems": {
        "en": "Nothing was imported from {path}: {count} problem(s) to fix first.",
        "zh": "{path}：未导入任何内容，有 {count} 处问题需要先改正。",
    },
    "fleet.line": {
        "en": "line {line}: {message}",
        "zh": "第 {line} 行：{message}",
    },
    "fleet.line_field": {
        "en": "line {line}, {field}: {message}",
        "zh": "第 {line} 行，{field}：{message}",
    },
    "fleet.unknown_column": {
        "en": "unknown column {columns}.",
        "zh": "未知的列：{columns}。",
    },
    "fleet.unknown_columns": {
        "en": "unknown columns {columns}.",
        "zh": "未知的列：{columns}。",
    },
    "fleet.known_columns": {
        "en": "Columns are the field names of `posguide profile show --json`:",
        "zh": "列名应为 `posguide profile show --json` 中的字段名：",
    },
    "fleet.column": {
        "en": "'{column}'",
        "zh": "“{column}”",
    },
    "fleet.column_guess": {
        "en": "'{column}' (did you mean '{guess}'?)",
        "zh": "“{column}”（是否应为“{guess}”？）",
    },
    "fleet.duplicate_column": {
        "en": "the column '{column}' appears twice.",
        "zh": "列“{column}”出现了两次。",
    },
    "fleet.no_name_column": {
        "en": "there is no 'name' column. Every terminal in a fleet needs a name.",
        "zh": "缺少 name 列：导入的每台终端都需要名称。",
    },
    "fleet.unnamed_column": {
        "en": "a value in column {number}, which has no name in the first line.",
        "zh": "第 {number} 列有内容，但第一行没有这一列的列名。",
    },
    "fleet.extra_cells": {
        "en": "{cells} cells, but the first line names only {columns} columns.",
        "zh": "这一行有 {cells} 个单元格，但第一行只有 {columns} 个列名。",
    },
    "fleet.name_required": {
        "en": "not given; every terminal in a fleet needs a name.",
        "zh": "未填写；导入的每台终端都需要名称。",
    },
    "fleet.duplicate_name": {
        "en": "'{name}' is already on line {first}. Each terminal may appear once.",
        "zh": "“{name}”在第 {first} 行已经出现过，每台终端只能出现一次。",
    },
    "fleet.exists": {
        "en": "'{name}' is already in your profile. To change it with this row's values, import with --update.",
        "zh": "“{name}”已经在您的资料里。如要用这一行的内容更新它，请加 --update 导入。",
    },
    "fleet.confirm_again": {
        "en": "{value} needs confirming too, for the same reason as on line {first}.",
        "zh": "{value} 同样需要确认，原因见第 {first} 行。",
    },
    "fleet.confirm_note": {
        "en": "A mobile support number or an ICCID with a wrong check digit needs confirming, and an import has no one to ask. If these values are right (for example, they were confirmed before the file was exported), import again with --force; everything else is still checked.",
        "zh": "手机号客服电话和校验位不符的 ICCID 需要确认，而批量导入时无法逐个询问。\n如果号码无误（例如导出前已确认过），请加 --force 重新导入，其他检查照常进行。",
    },
    "fleet.imported": {
        "en": "Imported {path}: {added} new terminal(s), {updated} updated.",
        "zh": "{path}：导入完成，新增 {added} 台终端，更新 {updated} 台。",
    },
    "fleet.default_is": {
        "en": "'{name}' is the default terminal; change it with `posguide terminal use NAME`.",
        "zh": "默认终端为“{name}”；可用 `posguide terminal use 名称` 更改。",
    },
    "fleet.exported": {
        "en": "Wrote {count} terminal(s) to {path}.",
        "zh": "已将 {count} 台终端写入 {path}。",
    },
    "fleet.scientific": {
        "en": "'{value}' is how a spreadsheet shows a long number it has rounded: the last digits are lost. Type the number again from the terminal or the card, in a column formatted as Text.",
        "zh": "“{value}”是表格软件把长数字四舍五入后的样子，后面几位已经丢失。请把这一列设为“文本”格式，再对照终端或卡片重新输入。",
    },
}
