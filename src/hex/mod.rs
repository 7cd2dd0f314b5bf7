//! Knowledge of Hex itself, independent of rules: version and requirement grammar, license ids,
//! package-name rules. Pure functions, shared by the rules that need them.

pub mod license;
pub mod names;
pub mod popular;
pub mod version;
