// The one catalogue of words for what the engine says: every error code and ledger problem
// that `errorCodes()` lists (tests/js/words.test.mjs checks that none is missing, in Chinese
// and English), the codes the pages add for what happens before the engine (a state-src that
// cannot be fetched, a worker that cannot start), the fields the engine names, and the
// reasons a parameter is refused. Limits are never typed here: `{maxAmount}` and the like are
// filled from the engine's `limits()`. A page shows `describe(error, …)`; it never shows the
// engine's English `message`, and tests read the `code`, never these words.

const zh = {
  codes: {
    invalid_decimal: "{field}不是数字（例如 100 或 99.5）",
    amount_must_be_positive: "{field}必须大于 0",
    amount_too_large: "{field}不能超过 {maxAmount}",
    amount_too_small: "{field}太小：按当前价格得不到任何积分",
    payout_too_small: "{field}太少：按当前价格提现一分钱也得不到，积分却会被扣除，因此不予受理",
    negative_value: "{field}不能为负数",
    too_many_decimals: "{field}的小数位数太多",
    points_must_be_positive: "{field}必须大于 0",
    insufficient_points: "{field}超出了可用的积分",
    unknown_member: "没有这个会员",
    invalid_member_id: "会员编号须为 1 到 {maxMemberIdChars} 个字符",
    received_above_cap: "{field}超过了出局上限允许任何人得到的数额",
    invalid_config: "参数“{field}”不可用",
    invalid_snapshot: "积分池数据无效",
    invalid_scenario: "情景设置“{field}”无效",
    invalid_ledger: "第 {line} 行无法读取",
    limit_exceeded: "数额超出了计算范围（{field}）",
    object_freed: "计算对象已被释放",
    object_failed: "计算引擎出错，请刷新页面",
    foreign_object: "传给计算引擎的不是它自己的对象",
    engine_busy: "计算引擎正忙于另一项计算，请稍后再试",
    // The pool's transparency log (docs/verification.md).
    log_malformed_note: "日志的签名记录格式不对",
    log_bad_key: "日志公钥无法读取",
    log_wrong_key: "日志没有用预期的公钥签名",
    log_bad_signature: "日志签名无效",
    log_wrong_origin: "这是另一个日志",
    log_rollback: "日志比之前看到的更短：历史被回退了",
    log_fork: "日志与之前看到的同样长短却内容不同：存在两套历史",
    log_inconsistent: "新的日志没有延续之前看到的日志",
    log_bad_proof: "日志内容与签名的根哈希不符",
    log_missing_tile: "缺少核对日志所需的文件",
    log_bad_tile: "日志文件的格式不对",
    log_bad_entry: "日志中的一条记录格式不对",
    log_out_of_order: "日志记录的序号没有递增",
    log_replay_mismatch: "日志记录的数字与规则计算的不符",
    log_published_row_changed: "已发布的一行被改动了",
    log_published_row_missing: "已发布的一行不见了",
    // The pages' own: what happens before the engine is reached.
    state_origin: "state-src 必须与本页同源（{origin}）",
    state_http: "服务器回答 HTTP {status}",
    state_json: "不是 JSON 数据",
    state_fetch: "网络请求失败",
    worker_failed: "后台计算无法启动（后台线程未能载入）",
    integrity_failed: "计算器的文件与发布的版本不一致，已拒绝运行",
    module_failed: "计算器的文件未能载入",
    link_json: "分享链接的“{field}”部分无法读取",
    unknown: "无法计算（{code}）",
  },
  problems: {
    line_too_long: "这一行超过 {maxLineKB} KB",
    not_utf8: "不是 UTF-8 文本",
    not_text: "不是文本",
    bad_header: "表头无法识别",
    missing_fields: "{field}为空或字段不足",
    too_many_fields: "字段过多（带千位分隔符的数字请加引号或去掉分隔符）",
    unterminated_quote: "引号没有闭合",
    not_a_whole_number: "{field}不是整数",
    seq_not_increasing: "序号没有递增",
    unknown_type: "类型须为 消费、提现 或 兑换（purchase、withdraw、redeem）",
    not_a_row: "不是一行记录",
    missing_price: "缺少当时公布的价格：核对需要它，不会猜测",
    too_many_lines: "超过 {maxCheckLines} 行",
    unreadable: "文件无法读取",
    price_mismatch: "公布的价格与规则不符",
  },
  fields: {
    amount: "消费金额", points: "积分", spent: "累计消费", received: "已得金额", value: "金额或积分",
    price: "价格", result: "到账", type: "类型", note: "备注", seq: "序号", member: "会员", memberId: "会员编号",
    priceAfter: "公布价格", currentPrice: "现价", contribution: "入池金额", pool: "积分池 pool", supply: "全网积分 supply",
    orders: "订单数", totals: "累计数", difference: "差额", size: "日志条数",
    poolRate: "入池比例", grantRate: "积分发放比例", initialPrice: "初始价格", payoutRate: "提现到手比例",
    redeemRate: "兑换比例", exitMultiple: "出局倍数", rounding: "舍入",
    "rounding.money": "金额舍入", "rounding.points": "积分舍入", "rounding.price": "价格舍入",
    days: "天数", ordersPerDay: "每天订单数", averageOrder: "平均订单金额", orderGrowth: "订单日增长率",
    withdrawRate: "每日提现比例", waveWithdrawRate: "首日集中提现比例", stress: "压力情景", scenario: "情景",
  },
  reasons: {
    notANumber: "不是数字",
    rate: "须大于 0、不超过 1",
    initialPrice: "须大于 0、不超过 {maxInitialPrice}",
    exitMultiple: "须在 {minExitMultiple} 到 {maxExitMultiple} 之间（留空为不设上限）",
    scale: "小数位须为 0 到 {maxRoundingScale} 的整数",
    mode: "舍入方式须为 截断、四舍五入 或 银行家舍入",
    belowPriceUnit: "须不小于价格舍入的一个最小单位",
    outOfRange: "超出允许的范围",
  },
  scale: "小数位", mode: "舍入方式", something: "输入",
  join: "：", list: "、", sentence: "",
};

const en = {
  codes: {
    invalid_decimal: "The {field} is not a number (such as 100 or 99.5)",
    amount_must_be_positive: "The {field} must be more than 0",
    amount_too_large: "The {field} must be at most {maxAmount}",
    amount_too_small: "{field} is too small: at the current price it would give no points",
    payout_too_small: "{field}: too few to pay anything at the current price, yet they would be burned, so it is refused",
    negative_value: "The {field} cannot be negative",
    too_many_decimals: "The {field} has too many decimals",
    points_must_be_positive: "The {field} must be more than 0",
    insufficient_points: "The {field} are more than are available",
    unknown_member: "No such member",
    invalid_member_id: "A member id is 1 to {maxMemberIdChars} characters",
    received_above_cap: "The {field} is more than the exit cap lets anyone receive",
    invalid_config: "The parameter {field} cannot be used",
    invalid_snapshot: "The pool's data is invalid",
    invalid_scenario: "The scenario's {field} is invalid",
    invalid_ledger: "Line {line} cannot be read",
    limit_exceeded: "The numbers are beyond what can be computed ({field})",
    object_freed: "The engine object was freed",
    object_failed: "The engine failed; reload the page",
    foreign_object: "The engine was handed an object that is not its own",
    engine_busy: "The engine is busy with another computation; try again",
    log_malformed_note: "The log's signed note is malformed",
    log_bad_key: "The log's key cannot be read",
    log_wrong_key: "The log is not signed by the expected key",
    log_bad_signature: "The log's signature does not verify",
    log_wrong_origin: "This is another log",
    log_rollback: "The log is shorter than one seen before: its history went back",
    log_fork: "The log has the size of one seen before but another content: two histories",
    log_inconsistent: "The new log does not extend the one seen before",
    log_bad_proof: "The log's content does not match its signed root",
    log_missing_tile: "A file the log's check needs is missing",
    log_bad_tile: "A file of the log is malformed",
    log_bad_entry: "An entry of the log is malformed",
    log_out_of_order: "The log's rows are not in increasing order",
    log_replay_mismatch: "An entry's figures are not what the rules give",
    log_published_row_changed: "A row already published was changed",
    log_published_row_missing: "A row already published is missing",
    state_origin: "state-src must be on this page's origin ({origin})",
    state_http: "the server answered HTTP {status}",
    state_json: "not JSON data",
    state_fetch: "the request failed",
    worker_failed: "The background computation cannot start (its worker did not load)",
    integrity_failed: "The calculator's files differ from its release: it refused to run them",
    module_failed: "The calculator's files could not be loaded",
    link_json: "the share link's “{field}” part cannot be read",
    unknown: "Cannot compute ({code})",
  },
  problems: {
    line_too_long: "the line is over {maxLineKB} KB",
    not_utf8: "not UTF-8 text",
    not_text: "not text",
    bad_header: "the header is not understood",
    missing_fields: "the {field} is empty or fields are missing",
    too_many_fields: "too many fields (quote a number with thousands separators, or leave them out)",
    unterminated_quote: "a quote is not closed",
    not_a_whole_number: "the {field} is not a whole number",
    seq_not_increasing: "seq does not increase",
    unknown_type: "the type must be purchase, withdraw or redeem (消费, 提现, 兑换)",
    not_a_row: "not a line of records",
    missing_price: "the price the platform published then is missing: the check needs it and never guesses it",
    too_many_lines: "more than {maxCheckLines} lines",
    unreadable: "the file cannot be read",
    price_mismatch: "the published price is not what the rules give",
  },
  fields: {
    amount: "purchase amount", points: "points", spent: "total spent", received: "total received", value: "amount or points",
    price: "price", result: "result", type: "type", note: "note", seq: "seq", member: "member", memberId: "member id",
    priceAfter: "published price", currentPrice: "current price", contribution: "contribution", pool: "pool", supply: "supply",
    orders: "orders", totals: "totals", difference: "difference", size: "log size",
    poolRate: "pool rate", grantRate: "grant rate", initialPrice: "initial price", payoutRate: "cash-out rate",
    redeemRate: "redemption rate", exitMultiple: "exit multiple", rounding: "rounding",
    "rounding.money": "money rounding", "rounding.points": "points rounding", "rounding.price": "price rounding",
    days: "days", ordersPerDay: "orders a day", averageOrder: "average order", orderGrowth: "daily order growth",
    withdrawRate: "daily cash-out share", waveWithdrawRate: "day-1 cash-out share", stress: "stress", scenario: "scenario",
  },
  reasons: {
    notANumber: "not a number",
    rate: "must be above 0 and at most 1",
    initialPrice: "must be above 0 and at most {maxInitialPrice}",
    exitMultiple: "must be {minExitMultiple} to {maxExitMultiple} (empty for no cap)",
    scale: "decimals must be a whole number from 0 to {maxRoundingScale}",
    mode: "the rounding must be down, half up or half even",
    belowPriceUnit: "must be at least one unit of the price rounding",
    outOfRange: "out of the allowed range",
  },
  scale: "decimals", mode: "rounding mode", something: "value",
  join: ": ", list: ", ", sentence: " ",
};

/** The catalogue by language; pages may extend a language's entries. */
export const words = { "zh-CN": zh, en };

/** `{name}` in `template` replaced by `values.name` (an empty string when absent). */
export function fill(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));
}

/**
 * The words for `count` of something, `forms` being `{ one, other }` (English) or a string:
 * "1 line", "2 lines", and no "All 1 lines".
 */
export function plural(forms, count, locale) {
  if (typeof forms === "string") return forms;
  return forms[new Intl.PluralRules(locale).select(count)] ?? forms.other;
}

/** What a field path the engine names is called: `config.payoutRate` → 提现到手比例, `rounding.money.scale` → 金额舍入小数位. */
export function fieldName(field, locale, rename = {}) {
  const text = words[locale] ?? zh;
  if (!field) return "";
  if (rename[field]) return rename[field];
  const path = field.replace(/^(config|scenario|options|population|sweep|members\.[^.]+)\./, "");
  if (rename[path]) return rename[path];
  const rounding = path.match(/^(rounding\.(?:money|points|price))(?:\.(scale|mode))?$/);
  if (rounding) return `${text.fields[rounding[1]]}${rounding[2] ? `${locale === "en" ? " " : ""}${text[rounding[2]]}` : ""}`;
  return text.fields[path] ?? path;
}

/**
 * The member's words for an error: the engine's `PoolError` (by `code`, `field`, `line`,
 * `problem`) or a page's own `{ code, values }`. `context` carries `limits` (the engine's,
 * already formatted for reading) and `rename` (how this page names a field: the element names a
 * merchant's attribute, `payout-rate`), and `reason`, a key of `reasons` that the page found.
 */
export function describe(error, locale, context = {}) {
  const text = words[locale] ?? zh;
  const limits = context.limits ?? {};
  const named = fieldName(error?.field, locale, context.rename);
  const field = named || text.something;
  const values = { ...limits, ...error?.values, field, line: error?.line ?? "", code: error?.code ?? "" };
  const parts = [fill(text.codes[error?.code] ?? text.codes.unknown, values)];
  if (error?.code === "invalid_ledger" && error.problem) {
    parts.push(fill(text.problems[error.problem] ?? text.codes[error.problem] ?? text.codes.unknown, { ...values, code: error.problem }));
  } else if (error?.code === "invalid_snapshot" && named) {
    parts.push(named);
  }
  if (context.reason && text.reasons[context.reason]) parts.push(fill(text.reasons[context.reason], limits));
  return parts.join(text.join);
}

/** The engine's limits as a page shows them: amounts formatted, counts grouped, bytes in KB. */
export function readableLimits(limits, format) {
  return {
    maxAmount: format.compactMoney(limits.maxAmount),
    maxInitialPrice: format.plain(limits.maxInitialPrice),
    minExitMultiple: format.plain(limits.minExitMultiple),
    maxExitMultiple: format.plain(limits.maxExitMultiple),
    maxRoundingScale: format.count(limits.maxRoundingScale),
    maxMemberIdChars: format.count(limits.maxMemberIdChars),
    maxCheckLines: format.count(limits.maxCheckLines),
    maxLineKB: format.count(limits.maxLedgerLineBytes / 1024),
    maxDays: format.count(limits.maxDays),
    maxSweepSteps: format.count(limits.maxSweepSteps),
    maxPopulationOrders: format.count(limits.maxPopulationOrders),
  };
}
