//! Forecasts (docs/model.md §7): scenarios, projections (closed form and exact per-order)
//! and seeded Monte Carlo bands. Estimates under stated assumptions, never promises.

pub mod closed_form;
pub mod days;
pub mod exact;
pub mod monte_carlo;
pub mod population;
pub mod projection;
pub mod scenario;
pub mod sweep;

pub use days::{Method, Projection, ProjectionDay};
pub use monte_carlo::{monte_carlo, MonteCarlo, MonteCarloOptions};
pub use population::{simulate_population, Flows, Population, PopulationOptions};
pub use projection::project;
pub use scenario::{Scenario, Stress, STRESS_PRESETS};
pub use sweep::sweep_values;
