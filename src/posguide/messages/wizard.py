MESSAGES = {
    "wizard.mode_hint.read-do": {
        "en": "READ-DO: read each step, do it, then answer.",
        "zh": "边读边做：读一步，做一步，做完再回答。",
    },
    "wizard.mode_hint.do-confirm": {
        "en": "DO-CONFIRM: do the work from memory first, then confirm each step here.",
        "zh": "先做后核对：先凭记忆把事情做完，再在这里逐项确认。",
    },
    "wizard.keys": {
        "en": "Answers: Enter or y = done; a question needs y (yes) or n (no); s = skip, b = back, q = pause (progress is kept), ? = why.",
        "zh": "回答方式：回车或 y = 完成；提问要答 y（是）或 n（否）；s = 跳过，b = 上一步，q = 暂停（进度会保存），? = 原因。",
    },
    "wizard.section": {
        "en": "Part {k} of {m}: {title}",
        "zh": "第 {k} 部分（共 {m} 部分）：{title}",
    },
    "wizard.step_of": {
        "en": "Step {k} of {n} - {section}",
        "zh": "第 {k} 步（共 {n} 步）- {section}",
    },
    "wizard.critical_mark": {"en": "[!] critical", "zh": "[!] 关键步骤"},
    "wizard.earlier_value": {"en": "Earlier answer: {value}", "zh": "之前的回答：{value}"},
    "wizard.earlier_done": {"en": "Earlier answer: done", "zh": "之前的回答：已完成"},
    "wizard.earlier_no": {"en": "Earlier answer: no", "zh": "之前的回答：否"},
    "wizard.earlier_skipped": {"en": "Earlier answer: skipped", "zh": "之前的回答：跳过"},
    "wizard.earlier_skipped_reason": {
        "en": "Earlier answer: skipped ({reason})",
        "zh": "之前的回答：跳过（{reason}）",
    },
    "wizard.ask_do": {"en": "Done? [Enter/y, s, b, q, ?]", "zh": "完成了吗？[回车/y, s, b, q, ?]"},
    "wizard.ask_check": {"en": "Yes or no? Type y or n [s, b, q, ?]",
                         "zh": "请答 y（是）或 n（否）[s, b, q, ?]"},
    "wizard.ask_input": {"en": "Your answer [s, b, q, ?]:", "zh": "请输入 [s, b, q, ?]："},
    "wizard.ask_input_default": {
        "en": "Your answer [Enter keeps {default}; s, b, q, ?]:",
        "zh": "请输入 [回车保留 {default}；s, b, q, ?]：",
    },
    "wizard.ask_note": {"en": "[Enter to go on, b, q]", "zh": "[回车继续, b, q]"},
    "wizard.ask_confirm": {"en": "Save this? [y/n, b, q]", "zh": "保存吗？[y/n, b, q]"},
    "wizard.keys_do": {
        "en": "Press Enter (or y) when this is done. Or: s to skip, b to go back, q to stop for now, ? to see why it matters.",
        "zh": "做完后按回车（或 y）。也可以：s 跳过，b 上一步，q 先暂停，? 看为什么要做。",
    },
    "wizard.keys_check": {
        "en": "Answer y (yes) or n (no): Enter alone does not count here, so a slip of the finger cannot confirm a check. Or: s to skip, b to go back, q to stop for now, ? to see why it matters.",
        "zh": "请答 y（是）或 n（否）：这一步只按回车不算数，免得手一滑就确认了。也可以：s 跳过，b 上一步，q 先暂停，? 看为什么要做。",
    },
    "wizard.keys_note": {
        "en": "Press Enter to go on. Or: b to go back, q to stop for now.",
        "zh": "按回车继续。也可以：b 上一步，q 先暂停。",
    },
    "wizard.keys_confirm": {
        "en": "Answer y to save, b to go back and change an answer, q to stop without saving.",
        "zh": "回答 y 保存，b 返回修改答案，q 暂停且不保存。",
    },
    "wizard.why": {"en": "Why: {why}", "zh": "原因：{why}"},
    "wizard.no_why": {"en": "This step is for your information only.", "zh": "这一步仅供了解。"},
    "wizard.first_step": {"en": "This is the first step; there is nothing before it.",
                          "zh": "这已经是第一步，前面没有步骤了。"},
    "wizard.input_required": {
        "en": "Type the value, or s to skip this step.",
        "zh": "请输入内容，或输入 s 跳过这一步。",
    },
    "wizard.confirm_no": {
        "en": "Nothing is saved. Type b to go back and change an answer, or q to stop here (your answers are kept).",
        "zh": "未保存。输入 b 返回修改答案，或输入 q 在此暂停（已填的答案会保留）。",
    },
    "wizard.no_skip_confirm": {
        "en": "This confirmation cannot be skipped: answer y to save, or b or q.",
        "zh": "这一步确认不能跳过：回答 y 保存，或输入 b、q。",
    },
    "wizard.stop_default": {
        "en": "Stop here: this has to be put right before you go on.",
        "zh": "请在此暂停：先把这个问题解决，再继续。",
    },
    "wizard.troubleshoot_intro": {
        "en": "Try these, one at a time:",
        "zh": "请逐一尝试：",
    },
    "wizard.troubleshoot_again": {
        "en": "Then answer again: y if it works now, n if it still does not.",
        "zh": "试完后请再回答：现在正常了回答 y，仍然不行回答 n。",
    },
    "wizard.support_phone": {
        "en": "Still not working? Type q to pause here (your answers are kept) and call support on {phone}.",
        "zh": "还是不行？输入 q 在此暂停（答案会保留），然后拨打客服电话 {phone}。",
    },
    "wizard.support_unknown": {
        "en": "Still not working? Type q to pause here (your answers are kept) and call the support number in your contract or on the terminal's sticker.",
        "zh": "还是不行？输入 q 在此暂停（答案会保留），然后拨打合同或机身标签上的客服电话。",
    },
    "wizard.support_mobile": {
        "en": "[!] {phone} is a mobile number: most likely a sales agent or a scam, not your provider's support line. Check the number in your contract or on the terminal's sticker.",
        "zh": "[!] {phone} 是手机号：很可能是推销员或骗子，不是服务商的客服电话。请核对合同或机身标签上的号码。",
    },
    "wizard.bad_number": {
        "en": "'{value}' is not a whole number. Type digits only, from 0 to {high}.",
        "zh": "“{value}”不是整数。请只输入数字，范围 0 到 {high}。",
    },
    "wizard.critical_skip": {
        "en": "This is a critical step: skipping it can cost you money or the terminal.",
        "zh": "这是关键步骤：跳过它可能造成资金或终端方面的损失。",
    },
    "wizard.skip_reason": {
        "en": "To skip it anyway, type the reason (it is kept in the history), or press Enter to go back to the step:",
        "zh": "如仍要跳过，请写明原因（会记入历史记录），或直接回车回到这一步：",
    },
    "wizard.not_skipped": {"en": "Not skipped.", "zh": "未跳过。"},
    "wizard.resume_found": {
        "en": "You stopped this at step {k} of {n} (last saved {date}).",
        "zh": "上次在第 {k} 步（共 {n} 步）暂停（保存于 {date}）。",
    },
    "wizard.resume_ask": {"en": "Resume at step {k}?", "zh": "从第 {k} 步继续吗？"},
    "wizard.starting_over": {"en": "Starting over from step 1.", "zh": "从第 1 步重新开始。"},
    "wizard.paused": {
        "en": "Paused at step {k} of {n}; your answers are saved. To continue, run: {command}",
        "zh": "已在第 {k} 步（共 {n} 步）暂停，答案已保存。继续请运行：{command}",
    },
    "wizard.paused_eof": {
        "en": "No more answers came in, so this is paused at step {k} of {n}; your answers are saved. To continue, run: {command}",
        "zh": "没有更多回答，已在第 {k} 步（共 {n} 步）暂停，答案已保存。继续请运行：{command}",
    },
    "wizard.stopped": {
        "en": "Paused at step {k} of {n} until that is put right; your answers are saved. Then run: {command}",
        "zh": "已在第 {k} 步（共 {n} 步）暂停，等问题解决；答案已保存。解决后请运行：{command}",
    },
    "wizard.interrupted": {
        "en": "Stopped. Nothing is lost: your answers are saved at step {k} of {n}. To continue, run: {command}",
        "zh": "已中止。没有丢失任何内容：答案已保存在第 {k} 步（共 {n} 步）。继续请运行：{command}",
    },
    "wizard.completed": {
        "en": "Done: {title} is complete ({done} of {n} steps done).",
        "zh": "完成：“{title}”已全部走完（{n} 步中完成 {done} 步）。",
    },
    "wizard.skipped_steps": {
        "en": "Skipped steps: {steps}",
        "zh": "跳过的步骤：{steps}",
    },
    "wizard.skipped_step": {"en": "{k}", "zh": "第 {k} 步"},
    "wizard.skipped_step_reason": {"en": "{k} ({reason})", "zh": "第 {k} 步（{reason}）"},
    "wizard.recorded": {
        "en": "Recorded in the history for terminal {terminal}: {kinds}",
        "zh": "已记入终端 {terminal} 的历史：{kinds}",
    },
    "wizard.profile_set": {
        "en": "Saved to the profile: {label} = {value}",
        "zh": "已保存到终端资料：{label} = {value}",
    },
}
