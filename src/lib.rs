//! hexlint: a static linter and pre-publish validator for Elixir packages on Hex.
//!
//! Data flows one way: `mixexs` (parse + evaluate mix.exs) → `project` (Hex's model) →
//! `files` / `modules` (facts) → `rules` (diagnostics) → `config` (overrides, suppressions) →
//! `render` (human, concise, JSON, SARIF, GitHub).

pub mod api;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod files;
pub mod fix;
pub mod hex;
pub mod limits;
pub mod load;
pub mod mixexs;
pub mod modules;
pub mod parallel;
pub mod portable;
pub mod project;
pub mod publish;
pub mod render;
pub mod rules;
pub mod semver_diff;
pub mod server;
pub mod sorted_lines;
pub mod source;
pub mod toolchain;
pub mod verify;
pub mod worlds;
