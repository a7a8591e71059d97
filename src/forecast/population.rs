//! "Where the gain comes from" (docs/model.md §7): a seeded population of members buying,
//! waiting and cashing out under the engine's own rules, with every flow summed exactly, so an
//! operator sees how much of what holders gain comes from purchases' surplus, from the cuts of
//! those who cash out, and from the forfeits of those the cap ends.
//!
//! `orders` purchases of ¥20–¥499.99 spread evenly over `days` days; a share `repeatShare` of
//! them by a member who already joined (any of them alike), the rest by newcomers. Each member
//! draws a target on joining (0.5× to 3× their spending: some accept a loss). At the end of each
//! day every holder looks in with probability `chance` and cashes out every point once what
//! they would be paid without the cap, plus what they already received, reaches the target.
//! At the cap that cash-out is an exit, which forfeits the rest.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use rand_xoshiro::rand_core::{RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

use crate::decimal::{approximate, difference, product, quotient, sum};
use crate::error::{PoolError, Result};
use crate::limits::{MAX_DAYS, MAX_POPULATION_ORDERS, MAX_SEED};
use crate::model::{Config, Pool};

/// What the simulation is asked to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PopulationOptions {
    pub orders: u32,
    pub days: u32,
    pub repeat_share: Decimal,
    pub chance: Decimal,
    pub seed: u64,
}

impl PopulationOptions {
    pub fn validate(&self) -> Result<()> {
        let invalid = |field: &str, reason: &str| PoolError::scenario(format!("population.{field}"), reason);
        if !(1..=MAX_POPULATION_ORDERS).contains(&self.orders) {
            return Err(invalid(
                "orders",
                &format!("must be a whole number from 1 to {MAX_POPULATION_ORDERS}"),
            ));
        }
        if !(1..=MAX_DAYS).contains(&self.days) {
            return Err(invalid("days", &format!("must be a whole number from 1 to {MAX_DAYS}")));
        }
        if self.repeat_share.is_sign_negative() || self.repeat_share >= Decimal::ONE {
            return Err(invalid("repeatShare", "must be at least 0 and below 1"));
        }
        if self.chance.is_sign_negative() || self.chance > Decimal::ONE {
            return Err(invalid("chance", "must be from 0 to 1"));
        }
        if self.seed > MAX_SEED {
            return Err(invalid("seed", &format!("must be a whole number from 0 to {MAX_SEED}")));
        }
        Ok(())
    }
}

/// Every flow, summed exactly. `surplus + cuts + forfeits = gain`: what stays in the pool for
/// the holders, from each source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Flows {
    /// All contributions to the pool.
    pub contributed: Decimal,
    /// The value granted as points at each purchase.
    pub granted: Decimal,
    /// `contributed − granted`: what purchases put in beyond the points they mint.
    pub surplus: Decimal,
    /// What the payout rate kept of every cash-out.
    pub cuts: Decimal,
    /// What the cap took at exits.
    pub forfeits: Decimal,
    /// Of the gain, what no point carries any more: set aside in the reserve when the last
    /// points were burned or at the ceiling (model.md §5).
    pub reserved: Decimal,
    /// All cash paid.
    pub paid: Decimal,
    /// `surplus + cuts + forfeits`.
    pub gain: Decimal,
}

impl Flows {
    /// Each source's share of the gain (surplus, cuts, forfeits); zeros when there is none.
    pub fn gain_shares(&self) -> Result<[Decimal; 3]> {
        if self.gain.is_zero() {
            return Ok([Decimal::ZERO; 3]);
        }
        let share = |part: Decimal| quotient(part, self.gain, "gain share");
        Ok([share(self.surplus)?, share(self.cuts)?, share(self.forfeits)?])
    }
}

/// What the population did.
#[derive(Clone, Debug)]
pub struct Population {
    pub flows: Flows,
    pub cash_outs: u32,
    pub exits: u32,
    pub joined: u32,
    /// Members holding points at the end.
    pub holders: u32,
    /// Share of the points held by the top 1% and 10% of holders (at least one holder each).
    pub top1: Decimal,
    pub top10: Decimal,
    pub pool: Pool,
}

/// Runs the population; `progress(day)` is called after each day.
pub fn simulate_population(
    config: Config,
    options: &PopulationOptions,
    mut progress: impl FnMut(u32),
) -> Result<Population> {
    options.validate()?;
    config.validate()?;
    let mut run = Run::new(Pool::new(config), options);
    for day in 1..=options.days {
        for _ in 0..orders_on(options, day) {
            run.buy()?;
        }
        run.look_in()?;
        progress(day);
    }
    let Run { pool, mut flows, cash_outs, exits, members, .. } = run;
    flows.surplus = difference(flows.contributed, flows.granted)?;
    flows.gain = sum(sum(flows.surplus, flows.cuts, "gain")?, flows.forfeits, "gain")?;
    let (holders, top1, top10) = concentration(&pool)?;
    Ok(Population { flows, cash_outs, exits, joined: members.len() as u32, holders, top1, top10, pool })
}

/// A member of the population as the simulation follows them.
struct Follower {
    /// What they wait for: received plus a cash-out reaching this multiple of their spending.
    target: Decimal,
    holding: bool,
    /// Points held and what a cash-out must still bring in (`target × spent − received`), in
    /// floating point: a look-in skips the exact check while they are clearly short of it.
    points: f64,
    need: f64,
}

/// The simulation's state between days.
struct Run {
    pool: Pool,
    random: Xoshiro256PlusPlus,
    flows: Flows,
    members: Vec<Follower>,
    cash_outs: u32,
    exits: u32,
    repeat_steps: u64,
    chance_steps: u64,
    /// How far a floating-point estimate of a payout may lie below the exact one: two money
    /// rounding units (the value and the payout are each rounded once).
    slack: f64,
}

impl Run {
    fn new(pool: Pool, options: &PopulationOptions) -> Run {
        let slack = 2.0 * approximate(Decimal::new(1, pool.config().money_scale())) + 1e-9;
        Run {
            pool,
            random: Xoshiro256PlusPlus::seed_from_u64(options.seed),
            flows: Flows::default(),
            members: Vec::new(),
            cash_outs: 0,
            exits: 0,
            repeat_steps: steps_of(options.repeat_share),
            chance_steps: steps_of(options.chance),
            slack,
        }
    }

    /// One purchase of ¥20–¥499.99, by a newcomer or by a member who already joined.
    fn buy(&mut self) -> Result<()> {
        let joined = self.members.len();
        let newcomer = joined == 0 || !chance(&mut self.random, self.repeat_steps);
        let member = if newcomer {
            // 0.5× to 3× in steps of 0.0001.
            let target = Decimal::new(5_000 + below(&mut self.random, 25_001) as i64, 4);
            self.members.push(Follower { target, holding: false, points: 0.0, need: 0.0 });
            joined
        } else {
            below(&mut self.random, joined as u64) as usize
        };
        let amount = Decimal::new(2_000 + below(&mut self.random, 48_000) as i64, 2);
        let receipt = self.pool.purchase(&id(member), amount)?;
        self.flows.contributed = sum(self.flows.contributed, receipt.contribution, "contributed")?;
        self.flows.granted = sum(self.flows.granted, receipt.grant_value, "granted")?;
        self.flows.reserved = sum(self.flows.reserved, receipt.reserved, "reserved")?;
        self.follow(member)
    }

    /// The end of a day: every holder looks in with probability `chance` and cashes out every
    /// point once what they would be paid without the cap, plus what they already received,
    /// reaches their target. The member judges by the uncapped payout; the cap then cuts.
    fn look_in(&mut self) -> Result<()> {
        let price = approximate(self.pool.price());
        let payout_rate = approximate(self.pool.config().payout_rate);
        for member in 0..self.members.len() {
            let follower = &self.members[member];
            if !follower.holding || !chance(&mut self.random, self.chance_steps) {
                continue;
            }
            // Clearly short of the target: the exact check could only say so too.
            if follower.points * price * payout_rate + self.slack < follower.need * (1.0 - 1e-12) {
                continue;
            }
            let view = self.pool.member(&id(member))?;
            let would_pay = self.pool.rules().uncapped_payout(view.value, self.pool.config().payout_rate)?;
            if sum(would_pay, view.received, "received")? < product(self.members[member].target, view.spent)?
            {
                continue;
            }
            match self.cash_out(member, view.points) {
                // Too few points to pay anything: the member holds on (the pool refuses to burn them).
                Err(PoolError::PayoutTooSmall) => continue,
                other => other?,
            }
        }
        Ok(())
    }

    fn cash_out(&mut self, member: usize, points: Decimal) -> Result<()> {
        let receipt = self.pool.withdraw(&id(member), points)?;
        self.cash_outs += 1;
        self.exits += u32::from(receipt.exited);
        let flows = &mut self.flows;
        flows.paid = sum(flows.paid, receipt.payout, "paid")?;
        flows.cuts = sum(flows.cuts, receipt.cut, "cuts")?;
        flows.forfeits = sum(flows.forfeits, receipt.forfeited, "forfeits")?;
        flows.reserved = sum(flows.reserved, receipt.reserved, "reserved")?;
        self.follow(member)
    }

    /// Copies a member's account into the floating-point estimates of the look-in.
    fn follow(&mut self, member: usize) -> Result<()> {
        let account = self.pool.account(&id(member))?;
        let follower = &mut self.members[member];
        follower.holding = !account.points.is_zero();
        follower.points = approximate(account.points);
        follower.need = approximate(product(follower.target, account.spent)?) - approximate(account.received);
        Ok(())
    }
}

fn id(member: usize) -> String {
    format!("m{member}")
}

/// Orders on `day`: `orders` spread evenly, the remainder on the later days.
fn orders_on(options: &PopulationOptions, day: u32) -> u64 {
    let (orders, days) = (u64::from(options.orders), u64::from(options.days));
    orders * u64::from(day) / days - orders * u64::from(day - 1) / days
}

/// A whole number below `bound` (> 0), by Lemire's multiply-shift (no modulo bias worth the name
/// at these bounds).
fn below(random: &mut Xoshiro256PlusPlus, bound: u64) -> u64 {
    ((u128::from(random.next_u64()) * u128::from(bound)) >> 64) as u64
}

/// Draws are whole numbers below 10^9: a share is decided on 10^9 equal steps.
const STEPS: u64 = 1_000_000_000;

/// A share (0 to 1) as the number of draws below it: a draw `d` is below the share when
/// `d / 10^9 < share`, that is when `d < ⌈share × 10^9⌉`.
fn steps_of(share: Decimal) -> u64 {
    let scaled = share.checked_mul(Decimal::from(STEPS)).unwrap_or(Decimal::from(STEPS));
    scaled.ceil().to_u64().unwrap_or(STEPS)
}

/// True with the probability `steps / 10^9`.
fn chance(random: &mut Xoshiro256PlusPlus, steps: u64) -> bool {
    below(random, STEPS) < steps
}

/// How many members hold points, and the share of the points the top 1% and 10% hold.
fn concentration(pool: &Pool) -> Result<(u32, Decimal, Decimal)> {
    let mut points: Vec<Decimal> =
        pool.members().map(|(_, member)| member.points).filter(|points| !points.is_zero()).collect();
    points.sort_unstable_by(|a, b| b.cmp(a));
    let supply = pool.state().supply;
    let share = |fraction: u32| -> Result<Decimal> {
        if points.is_empty() || supply.is_zero() {
            return Ok(Decimal::ZERO);
        }
        let count = points.len().div_ceil(fraction as usize).max(1);
        let top =
            points[..count].iter().try_fold(Decimal::ZERO, |total, points| sum(total, *points, "points"))?;
        quotient(top, supply, "share")
    };
    Ok((points.len() as u32, share(100)?, share(10)?))
}
