#![cfg(not(target_arch = "wasm32"))]
//! One home for every rule (docs/model.md §3–§4): the engine's own check (核对) of the engine's
//! own receipts agrees with its pool under every rounding, and verdicts compare values by the
//! pool's declared rounding, never by the decimals a platform happened to write.

mod common;
use common::config;

use points_pool::ledger::{check_history, replay};
use points_pool::model::rules::Verdict;
use points_pool::model::CashOutKind;
use points_pool::{Config, Pool};
use rand_xoshiro::rand_core::{RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use rust_decimal::Decimal;
use serde_json::json;

const MEMBERS: [&str; 4] = ["A", "B", "C", "D"];

/// One member's history as the app would list it: the numbers written at the rounding's scale
/// (`21.00`) and the same numbers with trailing zeros dropped (`21`).
#[derive(Default)]
struct History {
    padded: String,
    plain: String,
    /// Whether each line's payout was held under the rate's figure by the pool's share.
    share_limited: Vec<bool>,
}

impl History {
    fn push(&mut self, kind: &str, values: [Decimal; 3], share_limited: bool) {
        let padded = values.map(|value| value.to_string()).join(",");
        let plain = values.map(|value| value.normalize().to_string()).join(",");
        self.padded.push_str(&format!("{kind},{padded}\n"));
        self.plain.push_str(&format!("{kind},{plain}\n"));
        self.share_limited.push(share_limited);
    }
}

/// A pool under `config` after a seeded run of purchases, cash-outs and redemptions, and each
/// member's history of it.
fn run(config: &Config, seed: u64) -> Vec<History> {
    let mut pool = Pool::new(config.clone());
    let mut random = Xoshiro256PlusPlus::seed_from_u64(seed);
    let mut histories: Vec<History> = MEMBERS.iter().map(|_| History::default()).collect();
    let money_scale = config.amount_decimals();
    let points_scale = config.points_scale().min(6);
    for _ in 0..60 {
        let who = (random.next_u64() % MEMBERS.len() as u64) as usize;
        let member = MEMBERS[who];
        let held = pool.member(member).map(|view| view.points).unwrap_or_default();
        if held.is_zero() || random.next_u64() % 3 == 0 {
            let amount =
                Decimal::new((random.next_u64() % 50_000 + 100) as i64, 2).trunc_with_scale(money_scale);
            // A purchase too small for one unit of points is refused (model.md §5): not a line.
            let receipt = match pool.purchase(member, amount.max(Decimal::ONE)) {
                Err(error) if error.code() == "amount_too_small" => continue,
                receipt => receipt.unwrap(),
            };
            histories[who].push(
                "purchase",
                [receipt.amount, receipt.price_before, receipt.points_granted],
                false,
            );
            continue;
        }
        let share = Decimal::new((random.next_u64() % 100 + 1) as i64, 2);
        let points = (held * share).trunc_with_scale(points_scale);
        if points.is_zero() {
            continue;
        }
        let kind = if random.next_u64() % 2 == 0 { CashOutKind::Withdraw } else { CashOutKind::Redeem };
        // A cash-out that would pay nothing is refused (model.md §5): not a line either.
        let receipt = match pool.cash_out(kind, member, points) {
            Err(error) if error.code() == "payout_too_small" => continue,
            receipt => receipt.unwrap(),
        };
        let rules = pool.rules();
        let rate_payout = rules.uncapped_payout(receipt.gross, rules.rate(kind)).unwrap();
        let share_limited = !receipt.exited && receipt.payout < rate_payout;
        let name = if kind == CashOutKind::Withdraw { "withdraw" } else { "redeem" };
        histories[who].push(name, [receipt.points, receipt.price_before, receipt.payout], share_limited);
    }
    pool.check_invariants().unwrap();
    histories
}

fn rounded(mode: &str, scale: u32, rates_at_one: bool) -> Config {
    let rule = json!({ "scale": scale, "mode": mode });
    let mut value = json!({ "rounding": { "money": rule, "points": rule, "price": rule } });
    if rates_at_one {
        value["payoutRate"] = json!("1");
        value["redeemRate"] = json!("1");
    }
    config(value).unwrap()
}

#[test]
fn the_pools_own_receipts_check_ok_under_every_rounding() {
    let mut within_share = 0;
    for mode in ["down", "halfUp", "halfEven"] {
        for scale in 0..=4 {
            for rates_at_one in [false, true] {
                let config = rounded(mode, scale, rates_at_one);
                for (member, history) in run(&config, u64::from(scale) * 7 + 1).iter().enumerate() {
                    let padded = check_history(&config, &history.padded, None).unwrap();
                    let plain = check_history(&config, &history.plain, None).unwrap();
                    for (line, limited) in padded.lines.iter().zip(&history.share_limited) {
                        // A line cannot show the pool's share: a payout it held more than a unit
                        // under the rate's figure is `withinShare`, every other line `ok`.
                        let allowed: &[Verdict] =
                            if *limited { &[Verdict::Ok, Verdict::WithinShare] } else { &[Verdict::Ok] };
                        assert!(
                            allowed.contains(&line.verdict),
                            "{mode} {scale} {rates_at_one} {member}: {line:?}"
                        );
                        within_share += usize::from(line.verdict == Verdict::WithinShare);
                    }
                    let verdicts = |report: &points_pool::ledger::CheckReport| {
                        report.lines.iter().map(|line| line.verdict).collect::<Vec<_>>()
                    };
                    assert_eq!(verdicts(&padded), verdicts(&plain), "trailing zeros change nothing");
                }
            }
        }
    }
    assert!(within_share > 0, "the runs reach the pool-share limit by more than a unit");
}

#[test]
fn the_issues_pool_redeems_within_its_share_and_its_check_says_so() {
    // Price half up at 2 decimals, money down at 2, goods at the full rate: a rounded-up price
    // would pay more than the points' share of the pool, which is all the pool pays.
    let rule = |mode: &str| json!({ "scale": 2, "mode": mode });
    let config = config(json!({
        "rounding": { "money": rule("down"), "points": rule("down"), "price": rule("halfUp") },
    }))
    .unwrap();
    let cent = Decimal::new(1, 2);
    let (lines, receipt) = (100..400)
        .find_map(|amount| {
            let mut pool = Pool::new(config.clone());
            pool.purchase("A", Decimal::from(100)).unwrap();
            let bought = pool.purchase("B", Decimal::from(amount)).unwrap();
            let receipt = pool.redeem("B", bought.points_granted).unwrap();
            let rate_payout = pool.rules().uncapped_payout(receipt.gross, Decimal::ONE).unwrap();
            let purchase = format!("purchase,{amount},{},{}\n", bought.price_before, bought.points_granted);
            (receipt.payout + cent < rate_payout).then_some((purchase, receipt))
        })
        .expect("a redemption the share holds more than a cent under the rate");
    let line = |paid: Decimal| format!("{lines}redeem,{},{},{paid}\n", receipt.points, receipt.price_before);
    let report = check_history(&config, &line(receipt.payout), None).unwrap();
    assert_eq!(report.lines[1].verdict, Verdict::WithinShare, "{:?}", report.lines[1]);
    assert_eq!((report.totals.cash_outs_within_share, report.totals.cash_outs_short), (1, 0));
    // Below the least the share can be at that price, it is short.
    let short = check_history(&config, &line(receipt.payout - Decimal::ONE), None).unwrap();
    assert_eq!(short.lines[1].verdict, Verdict::Short);
}

#[test]
fn the_tolerance_is_the_declared_rounding_not_the_decimals_written() {
    let exact = Config::default();
    for written in ["消费,1000,5.17,40", "消费,1000,5.17,40.00", "消费,1000,5.17,40.61"] {
        let report = check_history(&exact, written, None).unwrap();
        assert_eq!(report.lines[0].verdict, Verdict::Short, "{written}: the rules give 40.619…");
    }
    let right = check_history(&exact, "消费,1000,5.17,40.6189555125725", None).unwrap();
    assert_eq!(right.lines[0].verdict, Verdict::Ok);
}

#[test]
fn a_published_price_follows_the_rules_or_is_a_mismatch() {
    // B's purchase leaves 1.680672…: 1.6807 (half up) and 1.6806 (cut) pass, 1.69 does not.
    let ledger = |price_b: &str| format!("1,purchase,A,100,1.4285\n2,purchase,B,100,{price_b}\n");
    for (published, mismatches) in
        [("1.6807", 0), ("1.6806", 0), ("1.69", 1), ("1.680", 0), ("1.7", 0), ("1.8", 1)]
    {
        let report = replay(&mut Pool::default(), &ledger(published)).unwrap();
        assert_eq!((report.checked, report.mismatches), (2, mismatches), "{published}");
    }
    // A grant rate of 1 leaves P / S at the initial price, 43.3116: 44 is no rounding of it.
    let at = config(json!({ "initialPrice": "43.3116", "grantRate": "1" })).unwrap();
    for (published, mismatches) in [("44", 1), ("43", 0), ("43.3116", 0), ("43.32", 1)] {
        let report = replay(&mut Pool::new(at.clone()), &format!("1,purchase,A,100,{published}\n")).unwrap();
        assert_eq!(report.mismatches, mismatches, "{published}");
    }
    // With a declared price rule the tolerance is one unit of its scale, however it is written.
    let cents = config(json!({ "rounding": { "price": { "scale": 2, "mode": "down" } } })).unwrap();
    for (published, mismatches) in [("1.42", 0), ("1.420", 0), ("1.4", 1), ("1", 1)] {
        let report =
            replay(&mut Pool::new(cents.clone()), &format!("1,purchase,A,100,{published}\n")).unwrap();
        assert_eq!(report.mismatches, mismatches, "{published}");
    }
}

#[test]
fn a_low_price_at_full_precision_checks_the_pools_own_receipts_ok() {
    // Exact mode divides the pool's balances; its 28-decimal price carries only some 25
    // significant digits at 0.001, so ¥10^12 of points computed from it is off by ~10^-11.
    for price in ["0.001", "0.0003", "0.0137"] {
        let config = config(json!({ "initialPrice": price })).unwrap();
        let mut pool = Pool::new(config.clone());
        pool.purchase("A", Decimal::ONE).unwrap();
        let bought = pool.purchase("B", Decimal::from(1_000_000_000_000u64)).unwrap();
        let redeemed =
            pool.redeem("B", (bought.points_granted / Decimal::from(3)).trunc_with_scale(13)).unwrap();
        // As the engine publishes them: normalized (a price whose last digit is 0 is one shorter).
        let lines = format!(
            "purchase,{},{},{}\nredeem,{},{},{}\n",
            bought.amount.normalize(),
            bought.price_before.normalize(),
            bought.points_granted.normalize(),
            redeemed.points.normalize(),
            redeemed.price_before.normalize(),
            redeemed.payout.normalize()
        );
        let report = check_history(&config, &lines, None).unwrap();
        for line in &report.lines {
            assert_eq!(line.verdict, Verdict::Ok, "{price}: {line:?}");
        }
        // The slack is what one unit of the price moves the figure, not more: a point off is short.
        let short = lines.replacen(
            &bought.points_granted.normalize().to_string(),
            &(bought.points_granted - Decimal::ONE).normalize().to_string(),
            1,
        );
        assert_eq!(check_history(&config, &short, None).unwrap().lines[0].verdict, Verdict::Short);
    }
}

#[test]
fn a_price_cut_at_full_precision_is_as_right_as_the_engines_rounded_one() {
    // 10/7 = 1.42857142857142857142857142857…: the engine holds 1.4285714285714285714285714286
    // (rounded at 28 decimals); a platform that cut there writes …285, one unit under it.
    for (published, mismatches) in [
        ("1.4285714285714285714285714286", 0),
        ("1.4285714285714285714285714285", 0),
        ("1.4285714285714285714285714284", 1),
        ("1.4285714285714285714285714287", 1),
    ] {
        let report = replay(&mut Pool::default(), &format!("1,purchase,A,100,{published}\n")).unwrap();
        assert_eq!(report.mismatches, mismatches, "{published}");
    }
}
