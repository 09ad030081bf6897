MESSAGES = {
    # reading
    "statement.cannot_open": {
        "en": "Cannot read the statement {path}: {error}.",
        "zh": "无法读取结算明细 {path}：{error}。",
    },
    "statement.no_such_file": {"en": "no such file", "zh": "文件不存在"},
    "statement.empty": {
        "en": "{path} has no rows: export the statement again from your merchant app or platform.",
        "zh": "{path} 里没有任何数据行：请从商户 App 或平台重新导出结算明细。",
    },
    "statement.unknown_layout": {
        "en": "{path}: cannot tell which column is which. The headers seen (line {line}): {headers}.\nMissing: {missing}. Say which header holds it, e.g.:\n  {map}\nFields: {fields}.",
        "zh": "{path}：无法判断各列的含义。看到的表头（第 {line} 行）：{headers}。\n缺少：{missing}。请说明哪一列是它，例如：\n  {map}\n可用的字段：{fields}。",
    },
    "statement.bad_map": {
        "en": "--map: '{value}' is not HEADER=FIELD. FIELD is one of: {fields}; e.g. --map \"金额=amount\".",
        "zh": "--map：“{value}”不是“表头=字段”的形式。字段可以是：{fields}；例如 --map \"金额=amount\"。",
    },
    "statement.bad_unit": {
        "en": "--unit: '{value}' is not a unit. Use yuan (元) or fen (分).",
        "zh": "--unit：“{value}”不是金额单位。请用 yuan（元）或 fen（分）。",
    },
    "statement.mixed_encoding": {
        "en": "{path}, line {line}: the text is not in the file's encoding ({encoding}). Save the file again as CSV UTF-8, or export it again.",
        "zh": "{path} 第 {line} 行：文字编码与文件其余部分（{encoding}）不一致。请另存为“CSV UTF-8”格式，或重新导出。",
    },
    "statement.bad_csv": {
        "en": "{path}, line {line}: not readable as CSV ({error}).",
        "zh": "{path} 第 {line} 行：无法按 CSV 读取（{error}）。",
    },
    "statement.bad_xlsx": {
        "en": "{path} cannot be read as an Excel file: {error}. Export it again, or save it as CSV.",
        "zh": "{path} 无法按 Excel 文件读取：{error}。请重新导出，或另存为 CSV。",
    },
    "statement.bad_rows": {
        "en": "{count} rows of the statement cannot be read, so nothing was checked or recorded. Correct them (or export the statement again) and run the audit again:",
        "zh": "结算明细中有 {count} 行无法读取，因此没有核对，也没有记录。请改正这些行（或重新导出）后再核对：",
    },
    "statement.bad_rows_one": {
        "en": "1 row of the statement cannot be read, so nothing was checked or recorded. Correct it (or export the statement again) and run the audit again:",
        "zh": "结算明细中有 1 行无法读取，因此没有核对，也没有记录。请改正这一行（或重新导出）后再核对：",
    },
    "statement.fee_or_settled": {"en": "fee (or settled)", "zh": "fee（手续费）或 settled（结算金额）"},
    "statement.bad_more": {"en": "  ... and {count} more.", "zh": "  ……还有 {count} 行。"},
    "statement.bad.money": {
        "en": "  {path}, line {line}, column “{column}”: '{value}' is not an amount.",
        "zh": "  {path} 第 {line} 行，“{column}”列：“{value}”不是金额。",
    },
    "statement.bad.fen": {
        "en": "  {path}, line {line}, column “{column}”: '{value}' is not a whole number of fen (the column is in fen; use --unit yuan if it is in yuan).",
        "zh": "  {path} 第 {line} 行，“{column}”列：“{value}”不是整数分（该列以分为单位；如实际是元，请加 --unit yuan）。",
    },
    "statement.bad.places": {
        "en": "  {path}, line {line}, column “{column}”: '{value}' has more than 2 decimal places.",
        "zh": "  {path} 第 {line} 行，“{column}”列：“{value}”超过两位小数。",
    },
    "statement.bad.date": {
        "en": "  {path}, line {line}, column “{column}”: '{value}' is not a date.",
        "zh": "  {path} 第 {line} 行，“{column}”列：“{value}”不是日期。",
    },
    "statement.bad.impossible_date": {
        "en": "  {path}, line {line}, column “{column}”: '{value}' is not a real calendar date.",
        "zh": "  {path} 第 {line} 行，“{column}”列：“{value}”在日历上不存在。",
    },
    "statement.no_plan": {
        "en": "Terminal '{name}' has no fee plan to check the statement against. Save the rates from your contract first, e.g.:\n  `posguide profile set fees.debit 0.55`\n  `posguide profile set fees.credit 0.60`\n(or one rate for every card: `posguide profile set fee_rate 0.60`)",
        "zh": "终端“{name}”还没有费率方案，无法核对结算明细。请先保存合同上的费率，例如：\n  `posguide profile set fees.debit 0.55`\n  `posguide profile set fees.credit 0.60`\n（或所有卡用同一费率：`posguide profile set fee_rate 0.60`）",
    },
    "statement.reading": {"en": "Reading {path}", "zh": "正在读取 {path}"},
    # summary
    "statement.title": {
        "en": "Statement audit: terminal {name}, {first} to {last}",
        "zh": "结算明细核对：终端 {name}，{first} 至 {last}",
    },
    "statement.no_sales": {
        "en": "The statement holds no sales of this terminal.",
        "zh": "结算明细中没有这台终端的交易。",
    },
    "statement.sales": {
        "en": "{count} sales, {amount} CNY. Fees taken {fees} CNY; your plan allows {plan} CNY; difference {difference} CNY.",
        "zh": "交易 {count} 笔，共 {amount} 元。实扣手续费 {fees} 元，按约定应扣 {plan} 元，相差 {difference} 元。",
    },
    "statement.sales_one": {
        "en": "1 sale, {amount} CNY. Fee taken {fees} CNY; your plan allows {plan} CNY; difference {difference} CNY.",
        "zh": "交易 1 笔，共 {amount} 元。实扣手续费 {fees} 元，按约定应扣 {plan} 元，相差 {difference} 元。",
    },
    "statement.rate": {
        "en": "Effective rate {rate}; your plan: {agreed}.",
        "zh": "实际费率 {rate}；约定费率 {agreed}。",
    },
    "statement.reversals": {
        "en": "Voids: {voids} ({voids_matched} matched to their sale). Refunds: {refunds} ({refunds_matched} matched).",
        "zh": "撤销 {voids} 笔（{voids_matched} 笔已对应原交易）；退货 {refunds} 笔（{refunds_matched} 笔已对应原交易）。",
    },
    "statement.unchecked": {
        "en": "{count} sales were not checked: your plan has no rate for their card type. Add it, e.g. `posguide profile set fee_rate 0.60`.",
        "zh": "有 {count} 笔交易未核对：费率方案中没有该卡类型的费率。请补上，如 `posguide profile set fee_rate 0.60`。",
    },
    "statement.unchecked_one": {
        "en": "1 sale was not checked: your plan has no rate for its card type. Add it, e.g. `posguide profile set fee_rate 0.60`.",
        "zh": "有 1 笔交易未核对：费率方案中没有该卡类型的费率。请补上，如 `posguide profile set fee_rate 0.60`。",
    },
    "statement.duplicates": {
        "en": "{count} rows were in more than one file and were counted once.",
        "zh": "有 {count} 行在多个文件中重复出现，只计算一次。",
    },
    "statement.duplicates_one": {
        "en": "1 row was in more than one file and was counted once.",
        "zh": "有 1 行在多个文件中重复出现，只计算一次。",
    },
    "statement.not_yet_due": {
        "en": "{count} sales of the last day ({amount} CNY) are not credited yet: not yet due, as money usually arrives by about 14:00 the next day. Check them in the next statement.",
        "zh": "最后一天有 {count} 笔交易（{amount} 元）尚未到账：一般次日 14 点左右到账，还没到时间。请在下一份结算明细中核对。",
    },
    "statement.not_yet_due_one": {
        "en": "1 sale of the last day ({amount} CNY) is not credited yet: not yet due, as money usually arrives by about 14:00 the next day. Check it in the next statement.",
        "zh": "最后一天有 1 笔交易（{amount} 元）尚未到账：一般次日 14 点左右到账，还没到时间。请在下一份结算明细中核对。",
    },
    "statement.other_rows": {
        "en": "{count} rows of other kinds were not checked.",
        "zh": "另有 {count} 行其他类型的记录未核对。",
    },
    "statement.other_rows_one": {
        "en": "1 row of another kind was not checked.",
        "zh": "另有 1 行其他类型的记录未核对。",
    },
    "statement.col.card": {"en": "Card", "zh": "卡类型"},
    "statement.col.sales": {"en": "Sales", "zh": "笔数"},
    "statement.col.amount": {"en": "Amount", "zh": "金额"},
    "statement.col.fees": {"en": "Fees", "zh": "实扣"},
    "statement.col.plan": {"en": "Plan", "zh": "应扣"},
    "statement.col.difference": {"en": "Difference", "zh": "差额"},
    "statement.col.rate": {"en": "Rate", "zh": "实际费率"},
    "statement.col.agreed": {"en": "Agreed", "zh": "约定费率"},
    "statement.col.week": {"en": "Week of", "zh": "周（起）"},
    "statement.col.line": {"en": "Line", "zh": "行"},
    "statement.col.date": {"en": "Date", "zh": "日期"},
    "statement.col.card_no": {"en": "Card no.", "zh": "卡号"},
    "statement.col.ref": {"en": "Ref.", "zh": "参考号"},
    "statement.col.settled": {"en": "Settled", "zh": "到账"},
    "statement.col.what": {"en": "What", "zh": "内容"},
    "statement.card.debit": {"en": "debit", "zh": "借记卡"},
    "statement.card.credit": {"en": "credit", "zh": "贷记卡"},
    "statement.card.qr": {"en": "QR", "zh": "扫码"},
    "statement.card.unknown": {"en": "unknown", "zh": "未注明"},
    "statement.card.all": {"en": "all", "zh": "合计"},
    "statement.chart_title": {
        "en": "Effective rate by week ({bar} taken, {mark} agreed, {over} above the plan)",
        "zh": "每周实际费率（{bar} 实扣，{mark} 约定，{over} 超出约定）",
    },
    "statement.clean": {
        "en": "No money lost: every sale was charged as your plan says, and nothing else was taken.",
        "zh": "没有多扣：每笔交易都按约定收费，也没有其他扣款。",
    },
    "statement.nothing_checked": {
        "en": "Nothing could be checked: your plan has no rate for the card type of any of the {count} sales, so this audit says neither that fees are right nor that they are wrong.",
        "zh": "这次没能核对任何交易：{count} 笔交易的卡类型在费率方案里都没有费率，所以无法判断手续费对不对。",
    },
    "statement.nothing_checked_one": {
        "en": "Nothing could be checked: your plan has no rate for the card type of the one sale, so this audit says neither that fees are right nor that they are wrong.",
        "zh": "这次没能核对任何交易：那 1 笔交易的卡类型在费率方案里没有费率，所以无法判断手续费对不对。",
    },
    "statement.clean_checked": {
        "en": "No money lost on the {count} sales checked: each was charged as your plan says, and nothing else was taken.",
        "zh": "已核对的 {count} 笔交易没有多扣：都按约定收费，也没有其他扣款。",
    },
    "statement.clean_checked_one": {
        "en": "No money lost on the one sale checked: it was charged as your plan says, and nothing else was taken.",
        "zh": "已核对的 1 笔交易没有多扣：按约定收费，也没有其他扣款。",
    },
    "statement.html.verdict_unknown": {
        "en": "Not checked: the plan has no rate for these sales",
        "zh": "未能核对：费率方案中没有这些交易的费率",
    },
    "statement.found": {
        "en": "{count} findings; {overpaid} CNY taken above your plan.",
        "zh": "发现 {count} 个问题；超出约定多扣 {overpaid} 元。",
    },
    "statement.found_one": {
        "en": "1 finding; {overpaid} CNY taken above your plan.",
        "zh": "发现 1 个问题；超出约定多扣 {overpaid} 元。",
    },
    "statement.found_nothing_above": {
        "en": "{count} findings, none of them money taken above your plan.",
        "zh": "发现 {count} 个问题，但没有超出约定的多扣。",
    },
    "statement.found_nothing_above_one": {
        "en": "1 finding, not money taken above your plan.",
        "zh": "发现 1 个问题，但没有超出约定的多扣。",
    },
    "statement.recorded": {
        "en": "Recorded as a fee check for '{name}' on {date}.",
        "zh": "已为“{name}”记下一次费率核对（{date}）。",
    },
    "statement.more_rows": {
        "en": "... and {count} more (all of them: --json or --html).",
        "zh": "……还有 {count} 行（完整列表：--json 或 --html）。",
    },
    "statement.html_written": {
        "en": "Wrote the report to {path}: one page to open in any browser or send to the merchant.",
        "zh": "报告已写入 {path}：可用任何浏览器打开，或发送给商户。",
    },
    # findings
    "statement.finding.above_plan": {
        "en": "{count} sales were charged more than your plan allows: {total} CNY in all.",
        "zh": "有 {count} 笔交易的手续费超出约定，共多扣 {total} 元。",
    },
    "statement.todo.above_plan": {
        "en": "Ask your provider to correct the rate and refund {total} CNY. Call the support number on your contract or the terminal, never one from an advert, a text message or a caller. Keep this report as proof.",
        "zh": "请要求服务商更正费率并退还 {total} 元。请拨打合同或机身上的客服电话，不要用广告、短信或来电中的号码。请保留本报告作为凭据。",
    },
    "statement.finding.rate_rose": {
        "en": "The {card} rate rose from {before} (week of {from_week}) to {after} from the week of {rose_week}: {extra} CNY more than the first rate would have taken.",
        "zh": "{card}费率从 {before}（{from_week} 那一周）涨到了 {after}（自 {rose_week} 那一周起），比按最初费率多付 {extra} 元。",
    },
    "statement.todo.rate_rose": {
        "en": "A rate raised quietly after a cheap first month is a known scam. Compare it with your contract; if you did not agree to the change, ask for the old rate back and a refund, then run `posguide checklist legit-check`.",
        "zh": "首月费率低、之后悄悄上调，是常见骗局。请对照合同；如果您没有同意调价，请要求恢复原费率并退款，然后运行 `posguide checklist legit-check`。",
    },
    "statement.finding.fixed_fee": {
        "en": "{count} sales carry a fixed extra charge of {each} CNY each that your plan does not allow: {total} CNY in all.",
        "zh": "有 {count} 笔交易每笔多收固定费用 {each} 元，合同并未约定，共 {total} 元。",
    },
    "statement.finding.fixed_fee_allowed": {
        "en": "{count} sales carry a fixed extra charge of {each} CNY each beyond the {allowed} CNY your plan allows: {total} CNY in all.",
        "zh": "有 {count} 笔交易每笔在约定的 {allowed} 元之外又多收 {each} 元固定费用，共 {total} 元。",
    },
    "statement.todo.fixed_fee": {
        "en": "Ask your provider what the charge is (often instant settlement, 秒到/D0) and whether you agreed to it. If not, have it turned off and refunded; if you did, save it: `posguide profile set fees.per_transaction AMOUNT`.",
        "zh": "请问清服务商这笔费用是什么（常见的是秒到/D0 费），以及您是否同意过。如未同意，请要求关闭并退款；如已同意，请保存：`posguide profile set fees.per_transaction 金额`。",
    },
    "statement.finding.deduction": {
        "en": "{total} CNY was taken from your settlements besides the fees ({kinds}); your plan allows {allowed} CNY: {beyond} CNY beyond it.",
        "zh": "除手续费外，结算款中还被扣了 {total} 元（{kinds}）；合同允许 {allowed} 元，超出 {beyond} 元。",
    },
    "statement.todo.deduction": {
        "en": "Ask your provider in writing what each charge is for. A data SIM fee is due at most once a year; a deposit is refunded on the terms of your contract (ask for them in writing). If the contract allows a yearly charge, save it: `posguide profile set fees.yearly AMOUNT`.",
        "zh": "请书面询问服务商每笔扣款的用途。流量卡费一年最多收一次；押金应按合同条件退还（请要求书面说明）。如合同允许收年费，请保存：`posguide profile set fees.yearly 金额`。",
    },
    "statement.deduction.deposit": {"en": "deposit", "zh": "押金"},
    "statement.deduction.sim": {"en": "SIM/data fee", "zh": "流量卡费"},
    "statement.deduction.annual": {"en": "annual fee", "zh": "年费"},
    "statement.deduction.service": {"en": "service fee", "zh": "服务费"},
    "statement.deduction.withheld": {"en": "withheld from sales", "zh": "从交易款中扣留"},
    "statement.deduction.other": {"en": "other", "zh": "其他扣款"},
    "statement.finding.unsettled": {
        "en": "{count} sales ({amount} CNY) have no money credited: {total} CNY should have reached your account.",
        "zh": "有 {count} 笔交易（共 {amount} 元）没有到账，应到账 {total} 元。",
    },
    "statement.todo.unsettled": {
        "en": "Check your bank account for these sales. Sales usually arrive by the next afternoon; if they are still missing, call your provider with the reference numbers. A frozen settlement card or one that is not a Class I debit card stops payouts.",
        "zh": "请在银行账户中查找这些交易。一般次日下午前到账；如仍未到账，请带上参考号致电服务商。结算卡被冻结或不是 I 类借记卡时，款项无法到账。",
    },
    "statement.finding.foreign": {
        "en": "{count} rows ({total} CNY) are under another merchant number or terminal ID than this terminal's.",
        "zh": "有 {count} 行（共 {total} 元）的商户号或终端号不是这台终端的。",
    },
    "statement.todo.foreign": {
        "en": "The money may go through another merchant (二清) or a wrong category (跳码) and may not be protected. Compare the receipt, your bank statement and the card network's app record; then call the official support number on your contract.",
        "zh": "这些款项可能经过了别的商户（二清）或被换了类别（跳码），资金可能没有保障。请核对小票、银行账单和云闪付等银行卡组织 App 中的记录是否一致（三单一致），再拨打合同上的官方客服电话。",
    },
    "statement.heading": {"en": "{code}: {sentence}", "zh": "{code}：{sentence}"},
    "statement.code.above_plan": {"en": "Fees above the plan", "zh": "手续费超出约定"},
    "statement.code.rate_rose": {"en": "Rate rose", "zh": "费率上涨"},
    "statement.code.fixed_fee": {"en": "Fixed extra charge", "zh": "每笔固定加收"},
    "statement.code.deduction": {"en": "Money taken from settlements", "zh": "结算款被扣"},
    "statement.code.unsettled": {"en": "Sales not credited", "zh": "交易未到账"},
    "statement.code.foreign": {"en": "Another merchant or terminal", "zh": "其他商户或终端"},
    # html
    "statement.html.title": {"en": "Fee audit of terminal {name}", "zh": "终端 {name} 费率核对报告"},
    "statement.html.period": {"en": "{first} to {last}", "zh": "{first} 至 {last}"},
    "statement.html.made": {
        "en": "Made by posguide from the settlement statement(s) {files}. Card numbers are shown masked.",
        "zh": "由 posguide 根据结算明细 {files} 生成。卡号已隐去中间位数。",
    },
    "statement.html.chart": {"en": "Effective rate by week", "zh": "每周实际费率"},
    "statement.html.legend_taken": {"en": "taken", "zh": "实扣"},
    "statement.html.legend_over": {"en": "above the plan", "zh": "超出约定"},
    "statement.html.legend_agreed": {"en": "agreed", "zh": "约定"},
    "statement.html.findings": {"en": "What was found", "zh": "发现的问题"},
    "statement.html.todo": {"en": "What to do", "zh": "建议"},
    "statement.html.by_card": {"en": "By card type", "zh": "按卡类型"},
    "statement.html.verdict_higher": {
        "en": "{overpaid} CNY taken above the plan",
        "zh": "超出约定多扣 {overpaid} 元",
    },
    "statement.html.verdict_ok": {"en": "No money taken above the plan", "zh": "没有超出约定的扣费"},
    "statement.finding.above_plan_one": {
        "en": "1 sale was charged more than your plan allows: {total} CNY.",
        "zh": "有 1 笔交易的手续费超出约定，多扣 {total} 元。",
    },
    "statement.finding.unsettled_one": {
        "en": "1 sale ({amount} CNY) has no money credited: {total} CNY should have reached your account.",
        "zh": "有 1 笔交易（{amount} 元）没有到账，应到账 {total} 元。",
    },
    "statement.finding.foreign_one": {
        "en": "1 row ({total} CNY) is under another merchant number or terminal ID than this terminal's.",
        "zh": "有 1 行（{total} 元）的商户号或终端号不是这台终端的。",
    },
}
