// 核对 against the log's words (element/check-log.js), Simplified Chinese first. What the engine
// says of a refusal (its code) is in www/shared/words.js. `{name}` marks a value filled in.

export const checkLogText = {
  "zh-CN": {
    title: "在已验证的日志中核对这些明细",
    hint: "明细需要有序号（表头“序号”或 seq，与平台回执上的一致）。平台给你的会员密钥（64 位十六进制）只在本页用来算出每一行的标签，不会上传。",
    secret: "会员密钥",
    run: "核对日志",
    running: "正在日志中查找…",
    summary: "{lines}中 {included} 行已收录，{missing} 行缺失，{different} 行不同（{log}，指纹 {fingerprint}）。",
    lines: "{count} 行",
    log: "日志共 {size} 条",
    line: "第 {line} 行 · 序号 {seq}",
    verdicts: {
      included: "已收录在签名的日志中（第 {entry} 条）",
      missing: "日志中没有这个序号的你的记录",
      different: "日志第 {entry} 条与这一行不同：{fields}",
    },
    otherTag: "这个序号在日志中（第 {entry} 条）属于别人",
    fields: { type: "类型", value: "金额/积分", result: "到账", tag: "标签" },
    published: "日志中公布的内容：",
  },
  en: {
    title: "Check these lines against the verified log",
    hint: "Lines need their seq (a header seq or 序号, as the platform's receipts give it). The member secret the platform gave you (64 hex digits) is used in this page only, to compute each line's tag; it is never uploaded.",
    secret: "Member secret",
    run: "Check against the log",
    running: "Searching the log…",
    summary: "Of {lines}: {included} included, {missing} missing, {different} different ({log}, fingerprint {fingerprint}).",
    lines: { one: "{count} line", other: "{count} lines" },
    log: { one: "a log of {size} entry", other: "a log of {size} entries" },
    line: "Line {line} · seq {seq}",
    verdicts: {
      included: "Included in the signed log (entry {entry})",
      missing: "The log has no row of yours with this seq",
      different: "Entry {entry} of the log differs from this line: {fields}",
    },
    otherTag: "This seq is in the log (entry {entry}) but is someone else's",
    fields: { type: "type", value: "amount/points", result: "result", tag: "tag" },
    published: "What the log published:",
  },
};
