//! Snapshots and bare pool states at the door (docs/formats.md §2).

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
#[cfg(target_arch = "wasm32")]
use tsify::Tsify;

use super::{ConfigDoc, DecimalString, Input, TotalsDoc};
use crate::error::Result;
use crate::model::{BareState, Member, Pool, Snapshot};

/// The format tag every snapshot carries.
pub const FORMAT: &str = "points-pool/1";

/// A pool as JSON: `members` is absent in a public snapshot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "Snapshot"))]
pub struct SnapshotDoc {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "\"points-pool/1\""))]
    pub format: String,
    #[serde(default)]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Config"))]
    pub config: Option<ConfigDoc>,
    pub pool: DecimalString,
    pub supply: DecimalString,
    pub orders: u64,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "Totals"))]
    pub totals: TotalsDoc,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Record<string, SnapshotMember>"))]
    pub members: Option<MembersDoc>,
}

/// One member as a snapshot lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "SnapshotMember"))]
pub struct MemberDoc {
    pub points: DecimalString,
    pub spent: DecimalString,
    pub received: DecimalString,
    pub exited: bool,
}

/// The members in the order written. Read as a list, not a map, so that an id written twice
/// is refused (by the model, in one pass) instead of silently keeping the last.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MembersDoc(pub Vec<(String, MemberDoc)>);

/// A bare pool state (`pool.state()`, or just `{ pool, supply }`): what a projection may
/// start from. Without `totals` the pool has paid nothing out.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(target_arch = "wasm32", derive(Tsify), tsify(rename = "PoolStateInput"))]
pub struct StateDoc {
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Config"))]
    pub config: Option<ConfigDoc>,
    pub pool: DecimalString,
    pub supply: DecimalString,
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub orders: Option<u64>,
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Totals"))]
    pub totals: Option<TotalsDoc>,
    /// When given, it must be the price the pool gives.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub price: Option<DecimalString>,
}

impl SnapshotDoc {
    /// The snapshot of `pool` (public when the pool does not list every holder).
    pub fn of(pool: &Pool) -> SnapshotDoc {
        SnapshotDoc::from(Snapshot::of(pool))
    }

    /// The public snapshot of `pool`: no members.
    pub fn public_of(pool: &Pool) -> SnapshotDoc {
        SnapshotDoc::from(Snapshot::public_of(pool))
    }

    /// Checks the format, the config and everything the model checks, and gives the pool.
    pub fn into_pool(self) -> Result<Pool> {
        if self.format != FORMAT {
            let reason =
                format!("unknown format {}, expected \"{FORMAT}\"", crate::error::quote(&self.format));
            return Err(Input::Snapshot.refusal("format", reason));
        }
        let config = in_snapshot(self.config.unwrap_or_default().into_config())?;
        let members = self.members.map(|listed| {
            listed
                .0
                .into_iter()
                .map(|(id, m)| {
                    let member = Member {
                        points: m.points.0,
                        spent: m.spent.0,
                        received: m.received.0,
                        exited: m.exited,
                    };
                    (id, member)
                })
                .collect()
        });
        Snapshot {
            config,
            pool: self.pool.0,
            supply: self.supply.0,
            orders: self.orders,
            totals: self.totals.into_totals(),
            members,
        }
        .into_pool()
    }
}

impl From<Snapshot> for SnapshotDoc {
    fn from(snapshot: Snapshot) -> Self {
        let members = snapshot.members.map(|listed| {
            let docs = listed.into_iter().map(|(id, member)| (id, MemberDoc::from(&member))).collect();
            MembersDoc(docs)
        });
        SnapshotDoc {
            format: FORMAT.to_owned(),
            config: Some(ConfigDoc::of(&snapshot.config)),
            pool: snapshot.pool.into(),
            supply: snapshot.supply.into(),
            orders: snapshot.orders,
            totals: (&snapshot.totals).into(),
            members,
        }
    }
}

impl From<&Member> for MemberDoc {
    fn from(member: &Member) -> Self {
        MemberDoc {
            points: member.points.into(),
            spent: member.spent.into(),
            received: member.received.into(),
            exited: member.exited,
        }
    }
}

impl StateDoc {
    /// The pool the state describes, checked like a public snapshot.
    pub fn into_pool(self) -> Result<Pool> {
        BareState {
            config: in_snapshot(self.config.unwrap_or_default().into_config())?,
            pool: self.pool.0,
            supply: self.supply.0,
            orders: self.orders,
            totals: self.totals.map(TotalsDoc::into_totals),
            price: self.price.map(|price| price.0),
        }
        .into_pool()
    }
}

/// A bad config inside a snapshot refuses the snapshot, naming `config.<field>`.
fn in_snapshot<T>(result: Result<T>) -> Result<T> {
    result.map_err(|error| {
        let field = format!("config.{}", error.field().unwrap_or("?"));
        Input::Snapshot.refusal(&field, error.reason().unwrap_or_default())
    })
}

impl Serialize for MembersDoc {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (id, member) in &self.0 {
            map.serialize_entry(id, member)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for MembersDoc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_map(MembersVisitor)
    }
}

struct MembersVisitor;

impl<'de> Visitor<'de> for MembersVisitor {
    type Value = MembersDoc;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an object of members by id")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<MembersDoc, A::Error> {
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1 << 20));
        while let Some((id, member)) = map.next_entry::<String, MemberDoc>()? {
            members.push((id, member));
        }
        Ok(MembersDoc(members))
    }
}
