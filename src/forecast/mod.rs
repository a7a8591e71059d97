//! Forecasts (docs/model.md §7): scenarios, projections (closed form and exact per-order)
//! and seeded Monte Carlo bands. Estimates under stated assumptions, never promises.

pub mod closed_form;
pub mod exact;
pub mod monte_carlo;
pub mod population;
pub mod projection;
pub mod scenario;
pub mod sweep;

pub use monte_carlo::{monte_carlo, MonteCarlo, MonteCarloOptions};
pub use population::{simulate_population, Flows, Population, PopulationOptions};
pub use projection::{project, Method, Projection, ProjectionDay};
pub use scenario::{Scenario, Stress, STRESS_PRESETS};
pub use sweep::{sweep_values, MAX_SWEEP_STEPS};
